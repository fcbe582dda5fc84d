import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764100000000 implements MigrationInterface {
  name = 'AuditLog1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // actor_name is copied at write time so the log still reads correctly after the actor is renamed or gone.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES employees (id) ON DELETE SET NULL,
        actor_name text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        summary text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, occurred_at DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
  }
}
