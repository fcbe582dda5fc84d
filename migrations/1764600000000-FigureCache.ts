import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FigureCache1764600000000 implements MigrationInterface {
  name = 'FigureCache1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Dashboard and learnings figures summarise a whole organisation's history (seconds of work at 100,000 people);
    // pages read them from here, shared by every app process, and they are worked out again once they are old.
    await queryRunner.query(`
      CREATE TABLE figure_cache (
        key text PRIMARY KEY,
        figures jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE figure_cache`);
  }
}
