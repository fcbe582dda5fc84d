import type { MigrationInterface, QueryRunner } from 'typeorm';

// What HR edits for the planner: support desks, rotation programmes and each department's limits.
export class RotationModel1764200000000 implements MigrationInterface {
  name = 'RotationModel1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE departments
        ADD COLUMN max_share_percent integer NOT NULL DEFAULT 10
        CONSTRAINT departments_max_share_percent_check CHECK (max_share_percent BETWEEN 0 AND 100)`);
    await queryRunner.query(`
      CREATE TABLE department_blackout_weeks (
        department_id uuid NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
        week text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
        note text,
        PRIMARY KEY (department_id, week)
      )`);

    // A desk's hours are local to its site's time zone.
    await queryRunner.query(`
      CREATE TABLE desks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        site_id uuid NOT NULL REFERENCES sites (id),
        working_days integer[] NOT NULL
          CHECK (cardinality(working_days) > 0 AND working_days <@ '{1,2,3,4,5,6,7}'::integer[]),
        start_time time NOT NULL,
        end_time time NOT NULL,
        weekly_capacity integer NOT NULL CHECK (weekly_capacity >= 0),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT desks_hours_check CHECK (end_time > start_time)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX desks_name_key ON desks (lower(name))`);
    await queryRunner.query(`CREATE INDEX desks_site_id_idx ON desks (site_id)`);
    // No rows: the desk hosts employees of every site.
    await queryRunner.query(`
      CREATE TABLE desk_hostable_sites (
        desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES sites (id),
        PRIMARY KEY (desk_id, site_id)
      )`);
    await queryRunner.query(`CREATE INDEX desk_hostable_sites_site_id_idx ON desk_hostable_sites (site_id)`);
    await queryRunner.query(`
      CREATE TABLE desk_capacity_overrides (
        desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
        week text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
        capacity integer NOT NULL CHECK (capacity >= 0),
        PRIMARY KEY (desk_id, week)
      )`);

    // Each kind has its own timing fields and leaves the other kind's empty.
    await queryRunner.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('onboarding', 'recurring')),
        length_weeks integer NOT NULL CHECK (length_weeks BETWEEN 1 AND 65),
        expected_hours_per_week integer NOT NULL CHECK (expected_hours_per_week BETWEEN 1 AND 60),
        start_within_weeks integer CHECK (start_within_weeks >= 0),
        applies_to_hires_from date,
        every_months integer CHECK (every_months >= 1),
        early_weeks integer CHECK (early_weeks >= 0),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programmes_kind_fields_check CHECK (
          (kind = 'onboarding' AND start_within_weeks IS NOT NULL AND every_months IS NULL AND early_weeks IS NULL)
          OR (kind = 'recurring' AND every_months IS NOT NULL AND early_weeks IS NOT NULL
              AND start_within_weeks IS NULL AND applies_to_hires_from IS NULL)
        )
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX programmes_name_key ON programmes (lower(name))`);
    await queryRunner.query(`
      CREATE TABLE programme_stages (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        name text NOT NULL CHECK (btrim(name) <> ''),
        amount integer NOT NULL CHECK (amount >= 1),
        unit text NOT NULL CHECK (unit IN ('weeks', 'shifts')),
        PRIMARY KEY (programme_id, position)
      )`);
    // No rows: the programme applies to every department.
    await queryRunner.query(`
      CREATE TABLE programme_departments (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES departments (id),
        PRIMARY KEY (programme_id, department_id)
      )`);
    await queryRunner.query(`CREATE INDEX programme_departments_department_id_idx ON programme_departments (department_id)`);
    await queryRunner.query(`
      CREATE TABLE programme_exemptions (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        created_by uuid REFERENCES employees (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, employee_id)
      )`);
    await queryRunner.query(`CREATE INDEX programme_exemptions_employee_id_idx ON programme_exemptions (employee_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programme_exemptions`);
    await queryRunner.query(`DROP TABLE programme_departments`);
    await queryRunner.query(`DROP TABLE programme_stages`);
    await queryRunner.query(`DROP TABLE programmes`);
    await queryRunner.query(`DROP TABLE desk_capacity_overrides`);
    await queryRunner.query(`DROP TABLE desk_hostable_sites`);
    await queryRunner.query(`DROP TABLE desks`);
    await queryRunner.query(`DROP TABLE department_blackout_weeks`);
    await queryRunner.query(`ALTER TABLE departments DROP COLUMN max_share_percent`);
  }
}
