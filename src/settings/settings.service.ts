// The organisation's programme-wide settings, kept in one row.
import type { EntityManager } from 'typeorm';
import { recordAudit, type AuditActor } from '../audit/audit-log';

export interface OrganisationSettings {
  reminderDaysBefore: number;
  swapsNeedApproval: boolean;
}

interface SettingsRow {
  reminder_days_before: number;
  swaps_need_approval: boolean;
}

export async function readSettings(manager: EntityManager): Promise<OrganisationSettings> {
  const [row]: SettingsRow[] = await manager.query(`SELECT reminder_days_before, swaps_need_approval FROM organisation_settings`);
  return { reminderDaysBefore: row.reminder_days_before, swapsNeedApproval: row.swaps_need_approval };
}

export async function updateSettings(manager: EntityManager, actor: AuditActor, settings: OrganisationSettings): Promise<void> {
  const [before]: SettingsRow[] = await manager.query(`SELECT reminder_days_before, swaps_need_approval FROM organisation_settings FOR UPDATE`);
  await manager.query(`UPDATE organisation_settings SET reminder_days_before = $1, swaps_need_approval = $2, updated_at = now()`, [
    settings.reminderDaysBefore,
    settings.swapsNeedApproval,
  ]);
  await recordAudit(manager, actor, {
    entityType: 'settings',
    entityId: null,
    action: 'updated',
    summary: 'Changed the programme settings',
    before: { reminderDaysBefore: before.reminder_days_before, swapsNeedApproval: before.swaps_need_approval },
    after: settings,
  });
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
