import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduleChanges1764300100000 implements MigrationInterface {
  name = 'ScheduleChanges1764300100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The fewest hosts a desk wishes for in a week; the coverage report highlights weeks below it. Empty: no wish.
    await queryRunner.query(`ALTER TABLE desks ADD COLUMN minimum_hosts integer CHECK (minimum_hosts >= 0)`);

    // Employees' requests to move their rotation to another week or desk, or to swap it with a colleague's. The
    // summary is written when the request is made, in words, since applying it changes the places it names.
    // The versions are those of the assignments when the request was made: a request whose assignments have
    // changed since is refused rather than applied to a schedule its people never saw.
    await queryRunner.query(`
      CREATE TABLE assignment_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('move', 'swap')),
        requester_id uuid NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        assignment_version integer NOT NULL,
        target_desk_id uuid REFERENCES desks (id),
        target_week text,
        counterpart_assignment_id uuid REFERENCES assignments (id) ON DELETE CASCADE,
        counterpart_version integer,
        counterpart_employee_id uuid REFERENCES employees (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending-colleague', 'pending-hr', 'approved', 'declined', 'refused', 'withdrawn')),
        summary text NOT NULL,
        note text,
        decision_reason text,
        decided_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CHECK (
          (kind = 'move' AND target_desk_id IS NOT NULL AND target_week IS NOT NULL AND counterpart_assignment_id IS NULL)
          OR (kind = 'swap' AND counterpart_assignment_id IS NOT NULL AND counterpart_version IS NOT NULL
              AND counterpart_employee_id IS NOT NULL AND target_desk_id IS NULL AND target_week IS NULL)
        )
      )`);
    // One open request per rotation, so two requests can never both be applied to it.
    await queryRunner.query(`
      CREATE UNIQUE INDEX assignment_requests_one_open_idx ON assignment_requests (assignment_id)
        WHERE status IN ('pending-colleague', 'pending-hr')`);
    await queryRunner.query(`CREATE INDEX assignment_requests_requester_idx ON assignment_requests (requester_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX assignment_requests_counterpart_idx ON assignment_requests (counterpart_employee_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX assignment_requests_counterpart_assignment_idx ON assignment_requests (counterpart_assignment_id)`);
    await queryRunner.query(`CREATE INDEX assignment_requests_status_idx ON assignment_requests (status, created_at DESC)`);

    // Publishing matches the schedule against a draft, and the clock moves assignments along by date.
    await queryRunner.query(`CREATE INDEX assignments_status_starts_idx ON assignments (status, starts_on)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX assignments_status_starts_idx`);
    await queryRunner.query(`DROP TABLE assignment_requests`);
    await queryRunner.query(`ALTER TABLE desks DROP COLUMN minimum_hosts`);
  }
}
