import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notices1764300300000 implements MigrationInterface {
  name = 'Notices1764300300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Schedule notices carry the assignment's .ics file.
    await queryRunner.query(`ALTER TABLE outbox_messages ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'`);

    // What each employee was told about their rotations. dedupe_key names the occasion (e.g. the reminder for
    // one assignment's start date): two job runs, even on two processes at once, cannot both tell it.
    await queryRunner.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id uuid NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
        assignment_id uuid REFERENCES assignments (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('published', 'changed', 'cancelled', 'reminder', 'eve-of-first-shift')),
        dedupe_key text NOT NULL CONSTRAINT notices_dedupe_key_key UNIQUE,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        outbox_message_id bigint REFERENCES outbox_messages (id) ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX notices_employee_idx ON notices (employee_id, created_at DESC, id)`);

    // Recurring background jobs, one row each. A process runs a job by locking its row (FOR UPDATE SKIP LOCKED)
    // once run_at has come, so that of several processes only one runs it, and the next time survives restarts.
    await queryRunner.query(`
      CREATE TABLE scheduled_jobs (
        name text PRIMARY KEY,
        run_at timestamptz NOT NULL DEFAULT now(),
        last_started_at timestamptz,
        last_finished_at timestamptz,
        last_error text
      )`);
    await queryRunner.query(`INSERT INTO scheduled_jobs (name) VALUES ('rotation-reminders')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE scheduled_jobs`);
    await queryRunner.query(`DROP TABLE notices`);
    await queryRunner.query(`ALTER TABLE outbox_messages DROP COLUMN attachments`);
  }
}
