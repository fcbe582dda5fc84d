// Records who changed what, before and after. Always called with the manager of the transaction that makes
// the change, so a change and its audit entry are saved together or not at all.
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';

export const auditedEntityTypes = ['employee', 'department', 'site', 'absence', 'desk', 'programme', 'settings', 'plan-run', 'assignment', 'swap-request', 'notice', 'shift', 'insight', 'routing-rule', 'insight-list'] as const;
export type AuditedEntityType = (typeof auditedEntityTypes)[number];

export interface AuditActor {
  id: string | null;
  /** Shown in the log; e.g. the signed-in person's name, or "CSV import (command line)". */
  name: string;
}

export interface AuditEntry {
  entityType: AuditedEntityType;
  /** Null for organisation-wide changes, such as the settings. */
  entityId: string | null;
  /** A verb in the past tense: created, updated, archived, roles-changed, deactivated, imported, ... */
  action: string;
  summary: string;
  before?: object | null;
  after?: object | null;
}

export async function recordAudit(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await recordAuditEntries(manager, actor, [entry]);
}

/** Many entries in bulk statements, for imports of thousands of rows. */
export async function recordAuditEntries(manager: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  await bulkInsert(
    manager,
    'audit_log',
    [
      { name: 'actor_id', type: 'uuid' },
      { name: 'actor_name', type: 'text' },
      { name: 'entity_type', type: 'text' },
      { name: 'entity_id', type: 'uuid' },
      { name: 'action', type: 'text' },
      { name: 'summary', type: 'text' },
      { name: 'before', type: 'jsonb' },
      { name: 'after', type: 'jsonb' },
    ],
    entries.map((entry) => [
      actor.id,
      actor.name,
      entry.entityType,
      entry.entityId,
      entry.action,
      entry.summary,
      entry.before == null ? null : JSON.stringify(entry.before),
      entry.after == null ? null : JSON.stringify(entry.after),
    ]),
  );
}

/** The fields whose values differ, as {before, after} objects holding only those fields. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return Object.keys(changedAfter).length === 0 ? null : { before: changedBefore, after: changedAfter };
}

/** The signed-in person as the author of the changes they make. */
export function actorOf(user: { id: string; fullName: string }): AuditActor {
  return { id: user.id, name: user.fullName };
}
