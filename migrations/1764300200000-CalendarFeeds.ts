import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeeds1764300200000 implements MigrationInterface {
  name = 'CalendarFeeds1764300200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One subscribable feed per employee, desk or department. The token in the feed's address is its only
    // credential, so only its SHA-256 is kept: a leaked table does not leak the addresses. The owner is one of
    // three tables, hence no foreign key; a feed whose owner is gone answers 404.
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_kind text NOT NULL CHECK (owner_kind IN ('employee', 'desk', 'department')),
        owner_id uuid NOT NULL,
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        created_by uuid REFERENCES employees (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calendar_feeds_owner_key UNIQUE (owner_kind, owner_id),
        CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_feeds`);
  }
}
