// The organisation's programme-wide settings, kept in one row.
import type { EntityManager } from 'typeorm';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit-log';

export interface OrganisationSettings {
  reminderDaysBefore: number;
  swapsNeedApproval: boolean;
  /** The share of a rotation's expected hours that must be logged for it to complete. */
  completionSharePercent: number;
  /** Days after a rotation's last day during which its shifts may still be logged. */
  lateLoggingGraceDays: number;
}

const settingsColumns = `reminder_days_before AS "reminderDaysBefore", swaps_need_approval AS "swapsNeedApproval",
  completion_share_percent AS "completionSharePercent", late_logging_grace_days AS "lateLoggingGraceDays"`;

export async function readSettings(manager: EntityManager): Promise<OrganisationSettings> {
  const [settings]: OrganisationSettings[] = await manager.query(`SELECT ${settingsColumns} FROM organisation_settings`);
  return settings;
}

/** The settings to save; a value left out keeps what is saved. */
export type SettingsChange = Pick<OrganisationSettings, 'reminderDaysBefore' | 'swapsNeedApproval'> &
  Partial<Pick<OrganisationSettings, 'completionSharePercent' | 'lateLoggingGraceDays'>>;

/** Saves the settings; the audit entry holds only the values that changed. */
export async function updateSettings(manager: EntityManager, actor: AuditActor, change: SettingsChange): Promise<void> {
  const [before]: OrganisationSettings[] = await manager.query(`SELECT ${settingsColumns} FROM organisation_settings FOR UPDATE`);
  const settings: OrganisationSettings = {
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
  };
  const changes = changedFields(before, settings);
  if (!changes) return;
  await manager.query(
    `UPDATE organisation_settings
        SET reminder_days_before = $1, swaps_need_approval = $2, completion_share_percent = $3, late_logging_grace_days = $4, updated_at = now()`,
    [settings.reminderDaysBefore, settings.swapsNeedApproval, settings.completionSharePercent, settings.lateLoggingGraceDays],
  );
  await recordAudit(manager, actor, { entityType: 'settings', entityId: null, action: 'updated', summary: 'Changed the programme settings', ...changes });
}

/** The published schedule's version; every publish and change to the schedule moves it on. */
export async function scheduleVersion(manager: EntityManager): Promise<number> {
  const [{ schedule_version }]: { schedule_version: number }[] = await manager.query(`SELECT schedule_version FROM organisation_settings`);
  return schedule_version;
}

/** Moves the schedule version on inside the caller's transaction, after taking the row lock that serialises publishes. */
export async function advanceScheduleVersion(manager: EntityManager, expected?: number): Promise<number> {
  const [{ schedule_version: current }]: { schedule_version: number }[] = await manager.query(`SELECT schedule_version FROM organisation_settings FOR UPDATE`);
  if (expected !== undefined && current !== expected) return -1;
  await manager.query(`UPDATE organisation_settings SET schedule_version = schedule_version + 1`);
  return current + 1;
}
