// HR's two lists insights are sorted by: categories (in HR's order) and product areas. Entries are archived, never
// deleted, so that older insights keep theirs; archived ones are no longer offered.
import type { EntityManager } from 'typeorm';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { InvalidField, withUniqueFields } from '../http/invalid-fields';

export const insightListKinds = ['category', 'product-area'] as const;
export type InsightListKind = (typeof insightListKinds)[number];

interface ListDefinition {
  table: string;
  uniqueIndex: string;
  noun: string;
  plural: string;
  order: string;
}

const lists: Record<InsightListKind, ListDefinition> = {
  category: { table: 'insight_categories', uniqueIndex: 'insight_categories_name_key', noun: 'category', plural: 'categories', order: 'position, lower(name)' },
  'product-area': { table: 'product_areas', uniqueIndex: 'product_areas_name_key', noun: 'product area', plural: 'product areas', order: 'lower(name)' },
};

export interface ListEntry {
  id: string;
  name: string;
  archived: boolean;
}

/** Every entry, open ones first. */
export function listEntries(manager: EntityManager, kind: InsightListKind): Promise<ListEntry[]> {
  const { table, order } = lists[kind];
  return manager.query(`SELECT id, name, archived_at IS NOT NULL AS archived FROM ${table} ORDER BY archived_at IS NOT NULL, ${order}`);
}

/** The entries offered for new insights and routing rules. */
export function openEntries(manager: EntityManager, kind: InsightListKind): Promise<ListEntry[]> {
  const { table, order } = lists[kind];
  return manager.query(`SELECT id, name, false AS archived FROM ${table} WHERE archived_at IS NULL ORDER BY ${order}`);
}

/** The open entry with this id, or an InvalidField on `field` when there is none. */
export async function requireOpenEntry(manager: EntityManager, kind: InsightListKind, id: string, field: string): Promise<ListEntry> {
  const { table, plural } = lists[kind];
  const [entry]: ListEntry[] = await manager.query(`SELECT id, name, false AS archived FROM ${table} WHERE id = $1 AND archived_at IS NULL`, [id]);
  if (!entry) throw new InvalidField(field, `Choose one of the ${plural} offered`);
  return entry;
}

const nameTaken = (kind: InsightListKind, field: string, name: string) => new InvalidField(field, `There is already a ${lists[kind].noun} called ${name}`);

export async function addEntry(manager: EntityManager, actor: AuditActor, kind: InsightListKind, name: string, field: string): Promise<{ id: string }> {
  const { table, uniqueIndex, noun } = lists[kind];
  const position = kind === 'category' ? `, (SELECT coalesce(max(position), 0) + 1 FROM ${table})` : '';
  const [created]: { id: string }[] = await withUniqueFields(
    () => manager.query(`INSERT INTO ${table} (name${position ? ', position' : ''}) VALUES ($1${position}) RETURNING id`, [name]),
    { [uniqueIndex]: nameTaken(kind, field, name) },
  );
  await recordAudit(manager, actor, { entityType: 'insight-list', entityId: created.id, action: 'created', summary: `Added ${noun} ${name}`, after: { name } });
  return created;
}

async function lockEntry(manager: EntityManager, kind: InsightListKind, id: string): Promise<ListEntry> {
  const { table, noun } = lists[kind];
  const [entry]: ListEntry[] = await manager.query(`SELECT id, name, archived_at IS NOT NULL AS archived FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!entry) throw new NotFound(`There is no such ${noun}.`);
  return entry;
}

export async function renameEntry(manager: EntityManager, actor: AuditActor, kind: InsightListKind, id: string, name: string, field: string): Promise<void> {
  const { table, uniqueIndex, noun } = lists[kind];
  const entry = await lockEntry(manager, kind, id);
  if (entry.name === name) return;
  await withUniqueFields(() => manager.query(`UPDATE ${table} SET name = $2 WHERE id = $1`, [id, name]), { [uniqueIndex]: nameTaken(kind, field, name) });
  await recordAudit(manager, actor, {
    entityType: 'insight-list',
    entityId: id,
    action: 'renamed',
    summary: `Renamed ${noun} ${entry.name} to ${name}`,
    before: { name: entry.name },
    after: { name },
  });
}

export async function setEntryArchived(manager: EntityManager, actor: AuditActor, kind: InsightListKind, id: string, archived: boolean): Promise<ListEntry> {
  const { table, noun } = lists[kind];
  const entry = await lockEntry(manager, kind, id);
  if (entry.archived === archived) return entry;
  await manager.query(`UPDATE ${table} SET archived_at = ${archived ? 'now()' : 'NULL'} WHERE id = $1`, [id]);
  await recordAudit(manager, actor, {
    entityType: 'insight-list',
    entityId: id,
    action: archived ? 'archived' : 'unarchived',
    summary: `${archived ? 'Archived' : 'Unarchived'} ${noun} ${entry.name}`,
    before: { archived: entry.archived },
    after: { archived },
  });
  return entry;
}
