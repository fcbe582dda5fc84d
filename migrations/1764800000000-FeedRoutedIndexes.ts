import type { MigrationInterface, QueryRunner } from 'typeorm';

// A head's feed, newest first or filtered by status and severity, walked these indexes and read each insight from
// the table only to learn whether it is routed to the head's departments: counting "1,000 or more" read thousands of
// scattered table pages. With the routing's copy carried in the index, the page and the count read the index alone.
export class FeedRoutedIndexes1764800000000 implements MigrationInterface {
  name = 'FeedRoutedIndexes1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX insights_feed_newest_idx`);
    await queryRunner.query(`CREATE INDEX insights_feed_newest_idx ON insights (created_at, id) INCLUDE (routed_department_ids) WHERE merged_into_id IS NULL`);
    await queryRunner.query(`DROP INDEX insights_feed_status_idx`);
    await queryRunner.query(
      `CREATE INDEX insights_feed_status_idx ON insights (status, severity, created_at, id) INCLUDE (routed_department_ids) WHERE merged_into_id IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX insights_feed_status_idx`);
    await queryRunner.query(`CREATE INDEX insights_feed_status_idx ON insights (status, severity, created_at) WHERE merged_into_id IS NULL`);
    await queryRunner.query(`DROP INDEX insights_feed_newest_idx`);
    await queryRunner.query(`CREATE INDEX insights_feed_newest_idx ON insights (created_at, id) WHERE merged_into_id IS NULL`);
  }
}
