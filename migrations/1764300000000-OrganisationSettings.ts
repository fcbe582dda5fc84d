import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationSettings1764300000000 implements MigrationInterface {
  name = 'OrganisationSettings1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One row: the organisation's programme-wide settings. schedule_version counts changes to the published
    // schedule, so a draft planned against an older schedule can be recognised and refused.
    await queryRunner.query(`
      CREATE TABLE organisation_settings (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        reminder_days_before integer NOT NULL DEFAULT 7 CHECK (reminder_days_before BETWEEN 1 AND 60),
        swaps_need_approval boolean NOT NULL DEFAULT true,
        schedule_version integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO organisation_settings DEFAULT VALUES`);
    await queryRunner.query(`ALTER TABLE plan_runs ADD COLUMN schedule_version integer NOT NULL DEFAULT 0`);
    // Organisation-wide changes (settings, publishing a plan) have no single row to point at.
    await queryRunner.query(`ALTER TABLE audit_log ALTER COLUMN entity_id DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM audit_log WHERE entity_id IS NULL`);
    await queryRunner.query(`ALTER TABLE audit_log ALTER COLUMN entity_id SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE plan_runs DROP COLUMN schedule_version`);
    await queryRunner.query(`DROP TABLE organisation_settings`);
  }
}
