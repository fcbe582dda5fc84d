import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanRuns1764200100000 implements MigrationInterface {
  name = 'PlanRuns1764200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The schedule: assignments HR has published. The planner treats scheduled and in-progress ones as fixed,
    // and completed ones tell it when a person last rotated.
    await queryRunner.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id uuid NOT NULL REFERENCES employees (id),
        programme_id uuid NOT NULL REFERENCES programmes (id),
        desk_id uuid NOT NULL REFERENCES desks (id),
        first_week text NOT NULL,
        weeks integer NOT NULL CHECK (weeks BETWEEN 1 AND 65),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status text NOT NULL DEFAULT 'scheduled'
          CHECK (status IN ('scheduled', 'in-progress', 'completed', 'deferred', 'cancelled')),
        status_reason text,
        plan_run_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    await queryRunner.query(`CREATE INDEX assignments_employee_idx ON assignments (employee_id, starts_on)`);
    await queryRunner.query(`CREATE INDEX assignments_desk_idx ON assignments (desk_id, first_week)`);

    await queryRunner.query(`
      CREATE TABLE plan_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'discarded')),
        first_week text NOT NULL,
        horizon_weeks integer NOT NULL,
        figures jsonb NOT NULL,
        changes jsonb NOT NULL,
        planning_ms integer NOT NULL,
        created_by uuid REFERENCES employees (id) ON DELETE SET NULL,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX plan_runs_created_at_idx ON plan_runs (created_at DESC)`);

    // No foreign keys on the per-run rows: a run is a snapshot of 100,000 rows written in bulk and deleted with
    // its run, and checking three references per row would slow the save for no protection the planner lacks.
    await queryRunner.query(`
      CREATE TABLE plan_run_assignments (
        plan_run_id uuid NOT NULL REFERENCES plan_runs (id) ON DELETE CASCADE,
        employee_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        desk_id uuid NOT NULL,
        first_week text NOT NULL,
        weeks integer NOT NULL,
        due_week text NOT NULL,
        on_time boolean NOT NULL,
        fixed boolean NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX plan_run_assignments_run_idx ON plan_run_assignments (plan_run_id, employee_id)`);

    await queryRunner.query(`
      CREATE TABLE plan_run_unplaced (
        plan_run_id uuid NOT NULL REFERENCES plan_runs (id) ON DELETE CASCADE,
        employee_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        due_week text NOT NULL,
        reason text NOT NULL,
        explanation text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX plan_run_unplaced_run_idx ON plan_run_unplaced (plan_run_id, reason, due_week)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE plan_run_unplaced`);
    await queryRunner.query(`DROP TABLE plan_run_assignments`);
    await queryRunner.query(`DROP TABLE plan_runs`);
    await queryRunner.query(`DROP TABLE assignments`);
  }
}
