// Reading the audit log, newest first, a page at a time. Pages follow a cursor (the entry at the page's edge)
// rather than an offset, so the last page of millions of imported entries costs the same as the first.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { optionalQueryText } from '../http/validation';
import { containsPattern } from '../people/like-pattern';
import { auditedEntityTypes, type AuditedEntityType } from './audit-log';

export interface AuditFilters {
  entityType?: AuditedEntityType;
  entityId?: string;
  /** Part of the actor's name or email, any case. */
  actor?: string;
  /** ISO dates in UTC, both days included. */
  from?: string;
  to?: string;
}

/** At most one of the two: entries older than `before`, or newer than `after` (entry ids). */
export interface AuditCursor {
  before?: string;
  after?: string;
}

export interface AuditLogEntry {
  id: string;
  occurredAt: Date;
  actorName: string;
  actorEmail: string | null;
  entityType: AuditedEntityType;
  entityId: string;
  action: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  /** Cursors for the neighbouring pages, when there are any. */
  newer?: AuditCursor;
  older?: AuditCursor;
}

export const auditPageSize = 50;

const isoDate = z.string().refine((text) => DateTime.fromFormat(text, 'yyyy-MM-dd').isValid);
const entryId = z.string().regex(/^\d{1,18}$/);

const filtersSchema = z.object({
  entityType: z.enum(auditedEntityTypes).optional().catch(undefined),
  entityId: z.guid().optional().catch(undefined),
  actor: optionalQueryText(200),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  before: entryId.optional().catch(undefined),
  after: entryId.optional().catch(undefined),
});

/** Filters and cursor from a query string object (req.query); malformed values are ignored. */
export function parseAuditQuery(query: unknown): { filters: AuditFilters; cursor: AuditCursor } {
  const { before, after, ...filters } = filtersSchema.parse(typeof query === 'object' && query ? query : {});
  return { filters, cursor: before ? { before } : after ? { after } : {} };
}

export function auditSearchParams(filters: AuditFilters, cursor: AuditCursor = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...cursor })) if (value) params.set(name, value);
  return params;
}

const utcDay = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

export async function findAuditEntries(manager: EntityManager, filters: AuditFilters, cursor: AuditCursor): Promise<AuditLogPage> {
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  const conditions: string[] = [];
  if (filters.entityType) conditions.push(`a.entity_type = ${parameter(filters.entityType)}`);
  if (filters.entityId) conditions.push(`a.entity_id = ${parameter(filters.entityId)}`);
  if (filters.actor) {
    const pattern = parameter(containsPattern(filters.actor));
    conditions.push(`(lower(a.actor_name) LIKE ${pattern} OR actor.email LIKE ${pattern})`);
  }
  if (filters.from) conditions.push(`a.occurred_at >= ${parameter(utcDay(filters.from).toJSDate())}`);
  if (filters.to) conditions.push(`a.occurred_at < ${parameter(utcDay(filters.to).plus({ days: 1 }).toJSDate())}`);
  const edge = cursor.before ?? cursor.after;
  if (edge) {
    conditions.push(`(a.occurred_at, a.id) ${cursor.before ? '<' : '>'} (SELECT occurred_at, id FROM audit_log WHERE id = ${parameter(edge)})`);
  }
  const direction = cursor.after ? 'ASC' : 'DESC';
  const found: AuditLogEntry[] = await manager.query(
    `SELECT a.id::text AS id, a.occurred_at AS "occurredAt", a.actor_name AS "actorName", actor.email AS "actorEmail",
            a.entity_type AS "entityType", a.entity_id AS "entityId", a.action, a.summary, a.before, a.after
       FROM audit_log a LEFT JOIN employees actor ON actor.id = a.actor_id
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY a.occurred_at ${direction}, a.id ${direction}
      LIMIT ${auditPageSize + 1}`,
    parameters,
  );
  const more = found.length > auditPageSize;
  const entries = found.slice(0, auditPageSize);
  if (cursor.after) entries.reverse();
  if (!entries.length) return { entries };
  const hasNewer = cursor.after ? more : Boolean(cursor.before);
  const hasOlder = cursor.after ? true : more;
  return {
    entries,
    newer: hasNewer ? { after: entries[0].id } : undefined,
    older: hasOlder ? { before: entries[entries.length - 1].id } : undefined,
  };
}
