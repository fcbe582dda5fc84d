import type { MigrationInterface, QueryRunner } from 'typeorm';

// A head's search ranked every insight matching a common word (100,000 of 500,000) and only then kept those routed
// to their departments, probing the routing table once for each: seconds a search. With the departments on the
// insight itself, one GIN index finds the insights that match the words AND are routed to a department, so only
// those are read. A trigger on the routing table keeps the copy, whichever code writes the routing.
export class InsightSearchScope1764700100000 implements MigrationInterface {
  name = 'InsightSearchScope1764700100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE insights ADD COLUMN routed_department_ids uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      CREATE FUNCTION copy_insight_routing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Statement-level, so that routing thousands of insights in one INSERT rewrites each insight once.
        UPDATE insights i
           SET routed_department_ids = array(SELECT r.department_id FROM insight_departments r WHERE r.insight_id = i.id ORDER BY r.department_id)
         WHERE i.id IN (SELECT insight_id FROM changed_routing);
        RETURN NULL;
      END $$`);
    // A trigger with a transition table fires on one event only: one per event, sharing the function. (An update
    // never moves a routing to another insight, so the new rows name every insight concerned.)
    await queryRunner.query(`
      CREATE TRIGGER insight_routing_added AFTER INSERT ON insight_departments
        REFERENCING NEW TABLE AS changed_routing FOR EACH STATEMENT EXECUTE FUNCTION copy_insight_routing()`);
    await queryRunner.query(`
      CREATE TRIGGER insight_routing_removed AFTER DELETE ON insight_departments
        REFERENCING OLD TABLE AS changed_routing FOR EACH STATEMENT EXECUTE FUNCTION copy_insight_routing()`);
    await queryRunner.query(`
      CREATE TRIGGER insight_routing_changed AFTER UPDATE ON insight_departments
        REFERENCING NEW TABLE AS changed_routing FOR EACH STATEMENT EXECUTE FUNCTION copy_insight_routing()`);
    await queryRunner.query(`
      UPDATE insights i SET routed_department_ids = r.ids
        FROM (SELECT insight_id, array_agg(department_id ORDER BY department_id) AS ids FROM insight_departments GROUP BY insight_id) r
       WHERE r.insight_id = i.id`);
    await queryRunner.query(`
      CREATE INDEX insights_search_routed_idx ON insights USING gin (search, routed_department_ids) WHERE merged_into_id IS NULL`);
    // The few merged insights, whose words still find the insight they were merged into.
    await queryRunner.query(`CREATE INDEX insights_merged_search_idx ON insights USING gin (search) WHERE merged_into_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX insights_merged_search_idx`);
    await queryRunner.query(`DROP INDEX insights_search_routed_idx`);
    await queryRunner.query(`DROP TRIGGER insight_routing_changed ON insight_departments`);
    await queryRunner.query(`DROP TRIGGER insight_routing_removed ON insight_departments`);
    await queryRunner.query(`DROP TRIGGER insight_routing_added ON insight_departments`);
    await queryRunner.query(`DROP FUNCTION copy_insight_routing()`);
    await queryRunner.query(`ALTER TABLE insights DROP COLUMN routed_department_ids`);
  }
}
