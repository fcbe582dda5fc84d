import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        time_zone text NOT NULL,
        country_code char(2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sites_name_key ON sites (lower(name))`);

    await queryRunner.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX departments_name_key ON departments (lower(name))`);

    await queryRunner.query(`
      CREATE TABLE employees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL,
        email text NOT NULL CONSTRAINT employees_email_key UNIQUE CHECK (email = lower(email)),
        password_hash text,
        department_id uuid NOT NULL REFERENCES departments (id),
        site_id uuid NOT NULL REFERENCES sites (id),
        job_title text NOT NULL,
        hire_date date NOT NULL,
        termination_date date,
        roles text[] NOT NULL DEFAULT '{employee}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX employees_department_id_idx ON employees (department_id)`);
    await queryRunner.query(`CREATE INDEX employees_site_id_idx ON employees (site_id)`);
    await queryRunner.query(`CREATE INDEX employees_hire_date_idx ON employees (hire_date)`);

    await queryRunner.query(`
      CREATE TABLE department_heads (
        department_id uuid NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
        employee_id uuid NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
        PRIMARY KEY (department_id, employee_id)
      )`);
    await queryRunner.query(`CREATE INDEX department_heads_employee_id_idx ON department_heads (employee_id)`);

    // The session table connect-pg-simple expects, so that several app processes share sessions.
    await queryRunner.query(`
      CREATE TABLE sessions (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sessions_expire_idx ON sessions (expire)`);

    // rate-limiter-flexible's table for sign-in throttling, shared by every app process.
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`DROP TABLE department_heads`);
    await queryRunner.query(`DROP TABLE employees`);
    await queryRunner.query(`DROP TABLE departments`);
    await queryRunner.query(`DROP TABLE sites`);
  }
}
