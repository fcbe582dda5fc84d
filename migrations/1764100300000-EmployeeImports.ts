import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmployeeImports1764100300000 implements MigrationInterface {
  name = 'EmployeeImports1764100300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One uploaded CSV between its preview and its apply, so the file is read once; the staged rows go once applied.
    await queryRunner.query(`
      CREATE TABLE import_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uploaded_by uuid REFERENCES employees (id) ON DELETE SET NULL,
        uploaded_by_name text NOT NULL,
        file_name text NOT NULL,
        create_missing boolean NOT NULL,
        send_invitations boolean NOT NULL,
        has_termination_date_column boolean NOT NULL,
        has_roles_column boolean NOT NULL,
        ignored_columns text[] NOT NULL DEFAULT '{}',
        new_count integer NOT NULL,
        updated_count integer NOT NULL,
        unchanged_count integer NOT NULL,
        invalid_count integer NOT NULL,
        missing_departments text[] NOT NULL DEFAULT '{}',
        missing_sites text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        applied_at timestamptz,
        applied_by_name text,
        applied_new_count integer,
        applied_updated_count integer,
        applied_unchanged_count integer
      )`);
    await queryRunner.query(`CREATE INDEX import_batches_expires_at_idx ON import_batches (expires_at)`);

    await queryRunner.query(`
      CREATE TABLE import_batch_rows (
        batch_id uuid NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
        line integer NOT NULL,
        full_name text NOT NULL,
        email text NOT NULL,
        department text NOT NULL,
        site text NOT NULL,
        job_title text NOT NULL,
        hire_date date NOT NULL,
        termination_date date,
        roles text[] NOT NULL,
        PRIMARY KEY (batch_id, line)
      )`);

    await queryRunner.query(`
      CREATE TABLE import_batch_problems (
        batch_id uuid NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
        position integer NOT NULL,
        line integer NOT NULL,
        column_name text NOT NULL,
        message text NOT NULL,
        PRIMARY KEY (batch_id, position)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE import_batch_problems`);
    await queryRunner.query(`DROP TABLE import_batch_rows`);
    await queryRunner.query(`DROP TABLE import_batches`);
  }
}
