import type { MigrationInterface, QueryRunner } from 'typeorm';

const scheduleNoticeKinds = `'published', 'changed', 'cancelled', 'reminder', 'eve-of-first-shift'`;
const learningsNoticeKinds = `'insight-answer', 'learnings-digest'`;

/** The feed's "most severe" order; queries must repeat this exact expression for the index to serve them. */
const severityRank = `(CASE severity WHEN 'severe' THEN 3 WHEN 'significant' THEN 2 ELSE 1 END)`;

export class Learnings1764500100000 implements MigrationInterface {
  name = 'Learnings1764500100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Answers to an insight's author and the heads' weekly digest are notices without an assignment.
    await queryRunner.query(`ALTER TABLE notices DROP CONSTRAINT notices_kind_check`);
    await queryRunner.query(`ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${scheduleNoticeKinds}, ${learningsNoticeKinds}))`);

    // heard_contacts: every contact that raised an insight, its echoes' and those of the insights merged into it.
    // The feed sorts 500,000 insights by it, so it is kept up to date by triggers, whichever code writes insights
    // or echoes (capture, merges, the bulk seed), rather than summed at each request. Merges go one level deep
    // (see the Insights migration), so an insight's root is coalesce(merged_into_id, id).
    await queryRunner.query(`ALTER TABLE insights ADD COLUMN heard_contacts integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE FUNCTION insight_heard_contacts(root uuid) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT (SELECT coalesce(sum(i.contacts_raised), 0)::int FROM insights i WHERE i.id = root)
             + (SELECT coalesce(sum(i.contacts_raised), 0)::int FROM insights i WHERE i.merged_into_id = root)
             + (SELECT coalesce(sum(e.contacts), 0)::int FROM insight_echoes e WHERE e.insight_id = root)
             + (SELECT coalesce(sum(e.contacts), 0)::int FROM insight_echoes e JOIN insights i ON i.id = e.insight_id WHERE i.merged_into_id = root)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION refresh_insight_heard_contacts(root uuid) RETURNS void LANGUAGE sql AS $$
        UPDATE insights SET heard_contacts = insight_heard_contacts(root) WHERE id = root
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION insights_heard_contacts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.heard_contacts := NEW.contacts_raised;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER insights_heard_contacts_insert BEFORE INSERT ON insights
        FOR EACH ROW EXECUTE FUNCTION insights_heard_contacts_on_insert()`);
    await queryRunner.query(`
      CREATE FUNCTION insights_heard_contacts_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'DELETE' THEN
          PERFORM refresh_insight_heard_contacts(NEW.id);
          IF NEW.merged_into_id IS NOT NULL THEN PERFORM refresh_insight_heard_contacts(NEW.merged_into_id); END IF;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.merged_into_id IS NOT NULL AND OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id THEN
          PERFORM refresh_insight_heard_contacts(OLD.merged_into_id);
        END IF;
        RETURN NULL;
      END $$`);
    // The triggers' own updates set only heard_contacts, so they never set these triggers off again.
    await queryRunner.query(`
      CREATE TRIGGER insights_heard_contacts_merged_insert AFTER INSERT ON insights
        FOR EACH ROW WHEN (NEW.merged_into_id IS NOT NULL) EXECUTE FUNCTION insights_heard_contacts_on_change()`);
    await queryRunner.query(`
      CREATE TRIGGER insights_heard_contacts_update AFTER UPDATE OF contacts_raised, merged_into_id ON insights
        FOR EACH ROW WHEN (OLD.contacts_raised IS DISTINCT FROM NEW.contacts_raised OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id)
        EXECUTE FUNCTION insights_heard_contacts_on_change()`);
    await queryRunner.query(`
      CREATE TRIGGER insights_heard_contacts_delete AFTER DELETE ON insights
        FOR EACH ROW WHEN (OLD.merged_into_id IS NOT NULL) EXECUTE FUNCTION insights_heard_contacts_on_change()`);
    await queryRunner.query(`
      CREATE FUNCTION insight_echoes_heard_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          UPDATE insights SET heard_contacts = heard_contacts - OLD.contacts
           WHERE id = (SELECT coalesce(merged_into_id, id) FROM insights WHERE id = OLD.insight_id);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          UPDATE insights SET heard_contacts = heard_contacts + NEW.contacts
           WHERE id = (SELECT coalesce(merged_into_id, id) FROM insights WHERE id = NEW.insight_id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER insight_echoes_heard_contacts AFTER INSERT OR DELETE OR UPDATE OF contacts, insight_id ON insight_echoes
        FOR EACH ROW EXECUTE FUNCTION insight_echoes_heard_contacts()`);
    await queryRunner.query(`UPDATE insights SET heard_contacts = insight_heard_contacts(id)`);

    // The feed shows insights that are not merged, newest, most heard or most severe first, a page at a time from
    // where the last one ended (keyset): each order has its index, so a page costs the same at any depth.
    await queryRunner.query(`CREATE INDEX insights_feed_newest_idx ON insights (created_at, id) WHERE merged_into_id IS NULL`);
    await queryRunner.query(`CREATE INDEX insights_feed_heard_idx ON insights (heard_contacts, created_at, id) WHERE merged_into_id IS NULL`);
    await queryRunner.query(`CREATE INDEX insights_feed_severity_idx ON insights (${severityRank}, created_at, id) WHERE merged_into_id IS NULL`);
    // The figures read a period's echoes; the programme-wide page the recent answers that planned or did something.
    await queryRunner.query(`CREATE INDEX insight_echoes_created_at_idx ON insight_echoes (created_at)`);
    await queryRunner.query(`
      CREATE INDEX insight_comments_outcome_idx ON insight_comments (created_at) WHERE status_to IN ('planned', 'done')`);

    await queryRunner.query(`INSERT INTO scheduled_jobs (name) VALUES ('learnings-digest')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM scheduled_jobs WHERE name = 'learnings-digest'`);
    await queryRunner.query(`DROP INDEX insight_comments_outcome_idx`);
    await queryRunner.query(`DROP INDEX insight_echoes_created_at_idx`);
    await queryRunner.query(`DROP INDEX insights_feed_severity_idx`);
    await queryRunner.query(`DROP INDEX insights_feed_heard_idx`);
    await queryRunner.query(`DROP INDEX insights_feed_newest_idx`);
    await queryRunner.query(`DROP TRIGGER insight_echoes_heard_contacts ON insight_echoes`);
    await queryRunner.query(`DROP FUNCTION insight_echoes_heard_contacts()`);
    await queryRunner.query(`DROP TRIGGER insights_heard_contacts_delete ON insights`);
    await queryRunner.query(`DROP TRIGGER insights_heard_contacts_update ON insights`);
    await queryRunner.query(`DROP TRIGGER insights_heard_contacts_merged_insert ON insights`);
    await queryRunner.query(`DROP FUNCTION insights_heard_contacts_on_change()`);
    await queryRunner.query(`DROP TRIGGER insights_heard_contacts_insert ON insights`);
    await queryRunner.query(`DROP FUNCTION insights_heard_contacts_on_insert()`);
    await queryRunner.query(`DROP FUNCTION refresh_insight_heard_contacts(uuid)`);
    await queryRunner.query(`DROP FUNCTION insight_heard_contacts(uuid)`);
    await queryRunner.query(`ALTER TABLE insights DROP COLUMN heard_contacts`);
    await queryRunner.query(`DELETE FROM notices WHERE kind IN (${learningsNoticeKinds})`);
    await queryRunner.query(`ALTER TABLE notices DROP CONSTRAINT notices_kind_check`);
    await queryRunner.query(`ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${scheduleNoticeKinds}))`);
  }
}
