import type { MigrationInterface, QueryRunner } from 'typeorm';

// Indexes behind the HR employee list: trigram indexes make substring search use an index, and each sort order
// has a b-tree that yields rows already ordered, so a page of 50 never sorts the whole table.
export class EmployeeSearch1764100200000 implements MigrationInterface {
  name = 'EmployeeSearch1764100200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX employees_full_name_trgm_idx ON employees USING gin (lower(full_name) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX employees_email_trgm_idx ON employees USING gin (email gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX employees_job_title_trgm_idx ON employees USING gin (lower(job_title) gin_trgm_ops)`);

    await queryRunner.query(`CREATE INDEX employees_name_order_idx ON employees (lower(full_name), id)`);
    // These lead with the columns of the single-column indexes they replace, so filters still use them.
    await queryRunner.query(`CREATE INDEX employees_department_order_idx ON employees (department_id, lower(full_name), id)`);
    await queryRunner.query(`CREATE INDEX employees_site_order_idx ON employees (site_id, lower(full_name), id)`);
    await queryRunner.query(`CREATE INDEX employees_hire_date_order_idx ON employees (hire_date, lower(full_name), id)`);
    await queryRunner.query(`DROP INDEX employees_department_id_idx`);
    await queryRunner.query(`DROP INDEX employees_site_id_idx`);
    await queryRunner.query(`DROP INDEX employees_hire_date_idx`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX employees_department_id_idx ON employees (department_id)`);
    await queryRunner.query(`CREATE INDEX employees_site_id_idx ON employees (site_id)`);
    await queryRunner.query(`CREATE INDEX employees_hire_date_idx ON employees (hire_date)`);
    await queryRunner.query(`DROP INDEX employees_hire_date_order_idx`);
    await queryRunner.query(`DROP INDEX employees_site_order_idx`);
    await queryRunner.query(`DROP INDEX employees_department_order_idx`);
    await queryRunner.query(`DROP INDEX employees_name_order_idx`);
    await queryRunner.query(`DROP INDEX employees_job_title_trgm_idx`);
    await queryRunner.query(`DROP INDEX employees_email_trgm_idx`);
    await queryRunner.query(`DROP INDEX employees_full_name_trgm_idx`);
  }
}
