import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AbsencesInvitations1764100100000 implements MigrationInterface {
  name = 'AbsencesInvitations1764100100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Overlaps between one person's absences are prevented by the service, which locks the employee row
    // first: an exclusion constraint would need btree_gist, which the embedded database does not load.
    await queryRunner.query(`
      CREATE TABLE absences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id uuid NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('vacation', 'sick-leave', 'parental-leave', 'training', 'other')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT absences_range_order CHECK (ends_on >= starts_on)
      )`);
    await queryRunner.query(`CREATE INDEX absences_employee_starts_on_idx ON absences (employee_id, starts_on)`);
    // The planner asks who is away in a period, across everyone.
    await queryRunner.query(`CREATE INDEX absences_period_idx ON absences USING gist (daterange(starts_on, ends_on, '[]'))`);

    // Only the SHA-256 of a token is kept, so a copy of the database cannot be used to set anyone's password.
    await queryRunner.query(`
      CREATE TABLE set_password_tokens (
        token_hash text PRIMARY KEY,
        employee_id uuid NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX set_password_tokens_employee_id_idx ON set_password_tokens (employee_id)`);

    // next_attempt_at doubles as the lease of the process that claimed a message, and as the retry time.
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX outbox_messages_pending_idx ON outbox_messages (next_attempt_at, id) WHERE sent_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_messages`);
    await queryRunner.query(`DROP TABLE set_password_tokens`);
    await queryRunner.query(`DROP TABLE absences`);
  }
}
