import type { MigrationInterface, QueryRunner } from 'typeorm';

const seededCategories = [
  'usability',
  'defect',
  'missing feature',
  'documentation',
  'billing',
  'delivery and fulfilment',
  'hardware and suppliers',
  'policy and process',
  'praise',
  'other',
];
const seededProductAreas = ['Website', 'Mobile app', 'Phone menu', 'Checkout', 'Delivery', 'Devices', 'Accounts'];

export class Insights1764500000000 implements MigrationInterface {
  name = 'Insights1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // HR's lists. Archived entries stay, so that older insights keep their category, but are not offered any more.
    await queryRunner.query(`
      CREATE TABLE insight_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        position integer NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX insight_categories_name_key ON insight_categories (lower(name))`);
    await queryRunner.query(`
      CREATE TABLE product_areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX product_areas_name_key ON product_areas (lower(name))`);
    await queryRunner.query(
      `INSERT INTO insight_categories (name, position) SELECT name, position FROM unnest($1::text[]) WITH ORDINALITY AS seeded (name, position)`,
      [seededCategories],
    );
    await queryRunner.query(`INSERT INTO product_areas (name) SELECT unnest($1::text[])`, [seededProductAreas]);

    // A rule with only a category matches that category in every product area, and the reverse for an area.
    await queryRunner.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid REFERENCES insight_categories (id),
        product_area_id uuid REFERENCES product_areas (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (category_id IS NOT NULL OR product_area_id IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX routing_rules_key ON routing_rules (category_id, product_area_id, department_id) NULLS NOT DISTINCT`);

    // merged_into_id always points at an insight that is not itself merged: a merge re-points what was merged
    // into the merged insight, so counts roll up one level only. masked lists what was masked ({field, kind, count}),
    // never the values.
    await queryRunner.query(`
      CREATE TABLE insights (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        author_id uuid NOT NULL REFERENCES employees (id),
        shift_id uuid REFERENCES shifts (id) ON DELETE SET NULL,
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 160),
        verbatim text NOT NULL CHECK (length(verbatim) BETWEEN 1 AND 4000),
        situation text CHECK (length(situation) <= 4000),
        category_id uuid NOT NULL REFERENCES insight_categories (id),
        product_area_id uuid REFERENCES product_areas (id),
        severity text NOT NULL CHECK (severity IN ('minor', 'significant', 'severe')),
        contacts_raised integer NOT NULL CHECK (contacts_raised >= 1),
        sensitive boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'planned', 'done', 'wont-do')),
        merged_into_id uuid REFERENCES insights (id),
        merged_at timestamptz,
        masked jsonb NOT NULL DEFAULT '[]',
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('english', summary || ' ' || verbatim || ' ' || coalesce(situation, ''))
        ) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (merged_into_id IS NULL OR merged_into_id <> id)
      )`);
    await queryRunner.query(`CREATE INDEX insights_search_idx ON insights USING gin (search)`);
    await queryRunner.query(`CREATE INDEX insights_summary_trgm_idx ON insights USING gin (lower(summary) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX insights_created_at_idx ON insights (created_at DESC)`);
    await queryRunner.query(`CREATE INDEX insights_status_idx ON insights (status)`);
    await queryRunner.query(`CREATE INDEX insights_category_idx ON insights (category_id)`);
    await queryRunner.query(`CREATE INDEX insights_author_idx ON insights (author_id)`);
    await queryRunner.query(`CREATE INDEX insights_merged_into_idx ON insights (merged_into_id) WHERE merged_into_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX insights_shift_idx ON insights (shift_id)`);

    // Tags are kept in lower case, so that "Checkout" and "checkout" are one tag.
    await queryRunner.query(`
      CREATE TABLE insight_tags (
        insight_id uuid NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
        tag text NOT NULL CHECK (tag = lower(tag) AND length(tag) BETWEEN 1 AND 40),
        PRIMARY KEY (insight_id, tag)
      )`);
    await queryRunner.query(`CREATE INDEX insight_tags_tag_idx ON insight_tags (tag, insight_id)`);

    await queryRunner.query(`
      CREATE TABLE insight_departments (
        insight_id uuid NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES departments (id),
        routed_at timestamptz NOT NULL DEFAULT now(),
        note text,
        PRIMARY KEY (insight_id, department_id)
      )`);
    await queryRunner.query(`CREATE INDEX insight_departments_department_idx ON insight_departments (department_id, insight_id)`);

    // "I heard this too": another employee's (or the author's, from another shift) contacts that raised the same thing.
    await queryRunner.query(`
      CREATE TABLE insight_echoes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        insight_id uuid NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employees (id),
        shift_id uuid REFERENCES shifts (id) ON DELETE SET NULL,
        contacts integer NOT NULL CHECK (contacts >= 1),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX insight_echoes_insight_idx ON insight_echoes (insight_id)`);
    await queryRunner.query(`CREATE INDEX insight_echoes_employee_idx ON insight_echoes (employee_id)`);
    await queryRunner.query(`CREATE INDEX insight_echoes_shift_idx ON insight_echoes (shift_id)`);

    // The departments' answers to the author: status changes and re-routes, each with its comment.
    await queryRunner.query(`
      CREATE TABLE insight_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        insight_id uuid NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES employees (id),
        body text NOT NULL,
        status_from text,
        status_to text,
        rerouted_from uuid REFERENCES departments (id),
        rerouted_to uuid REFERENCES departments (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX insight_comments_insight_idx ON insight_comments (insight_id, created_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insight_comments`);
    await queryRunner.query(`DROP TABLE insight_echoes`);
    await queryRunner.query(`DROP TABLE insight_departments`);
    await queryRunner.query(`DROP TABLE insight_tags`);
    await queryRunner.query(`DROP TABLE insights`);
    await queryRunner.query(`DROP TABLE routing_rules`);
    await queryRunner.query(`DROP TABLE product_areas`);
    await queryRunner.query(`DROP TABLE insight_categories`);
  }
}
