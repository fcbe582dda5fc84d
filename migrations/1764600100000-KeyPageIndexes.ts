import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyPageIndexes1764600100000 implements MigrationInterface {
  name = 'KeyPageIndexes1764600100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The learnings feed filtered by status and severity counted its matches by reading all 500,000 insights.
    await queryRunner.query(`CREATE INDEX insights_feed_status_idx ON insights (status, severity, created_at) WHERE merged_into_id IS NULL`);
    // A desk's calendar asks for the rotations not yet ended by its first week; the desk's five years of history
    // were read through (desk_id, first_week) and filtered.
    await queryRunner.query(`CREATE INDEX assignments_desk_ends_idx ON assignments (desk_id, ends_on)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX assignments_desk_ends_idx`);
    await queryRunner.query(`DROP INDEX insights_feed_status_idx`);
  }
}
