import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Shifts1764400000000 implements MigrationInterface {
  name = 'Shifts1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The shifts employees worked on their rotations. Times are instants; the desk's zone turns them back into
    // the wall-clock times the employee typed. absence_confirmed records that the person said they did work
    // on a day they were recorded as absent.
    await queryRunner.query(`
      CREATE TABLE shifts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        employee_id uuid NOT NULL REFERENCES employees (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        channel text NOT NULL CHECK (channel IN ('phone', 'chat', 'email', 'social', 'in-person')),
        contacts integer NOT NULL CHECK (contacts BETWEEN 0 AND 500),
        stage text NOT NULL CHECK (stage IN ('shadowing', 'paired', 'solo')),
        notes text,
        absence_confirmed boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX shifts_employee_idx ON shifts (employee_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX shifts_assignment_idx ON shifts (assignment_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX shifts_starts_at_idx ON shifts (starts_at)`);

    // A shift begun with "Start shift" and not yet ended. It lives apart from shifts so that every row in shifts
    // is a whole shift the checks have passed (ends_at stays NOT NULL), and the key allows one open shift per person.
    await queryRunner.query(`
      CREATE TABLE open_shifts (
        employee_id uuid PRIMARY KEY REFERENCES employees (id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        channel text NOT NULL CHECK (channel IN ('phone', 'chat', 'email', 'social', 'in-person')),
        stage text NOT NULL CHECK (stage IN ('shadowing', 'paired', 'solo')),
        absence_confirmed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      ALTER TABLE organisation_settings
        ADD COLUMN completion_share_percent integer NOT NULL DEFAULT 80 CHECK (completion_share_percent BETWEEN 1 AND 100),
        ADD COLUMN late_logging_grace_days integer NOT NULL DEFAULT 3 CHECK (late_logging_grace_days BETWEEN 0 AND 30)`);

    // incomplete_since: the day a finished rotation was found short of its hours and left for HR to decide.
    // extended_weeks: the weeks HR added to such a rotation; they give time to log, but expect no hours of their own.
    await queryRunner.query(`
      ALTER TABLE assignments
        ADD COLUMN incomplete_since date,
        ADD COLUMN completed_at timestamptz,
        ADD COLUMN extended_weeks integer NOT NULL DEFAULT 0 CHECK (extended_weeks >= 0)`);
    await queryRunner.query(`CREATE INDEX assignments_incomplete_idx ON assignments (incomplete_since) WHERE incomplete_since IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX assignments_incomplete_idx`);
    await queryRunner.query(`ALTER TABLE assignments DROP COLUMN extended_weeks, DROP COLUMN completed_at, DROP COLUMN incomplete_since`);
    await queryRunner.query(`
      ALTER TABLE organisation_settings DROP COLUMN late_logging_grace_days, DROP COLUMN completion_share_percent`);
    await queryRunner.query(`DROP TABLE open_shifts`);
    await queryRunner.query(`DROP TABLE shifts`);
  }
}
