// What other features ask about insights: how many contacts raised one (its own, the echoes, and the insights
// merged into it), and whose names a viewer may see. Every page that shows authors goes through insightAuthors.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import type { Role } from '../people/roles';

export interface InsightViewer {
  id: string;
  roles: readonly Role[];
}

/** HR always; the author themself; anyone else only when the insight is not marked sensitive. */
export function authorVisibleTo(viewer: InsightViewer, insight: { authorId: string; sensitive: boolean }): boolean {
  return viewer.roles.includes('hr') || viewer.id === insight.authorId || !insight.sensitive;
}

/**
 * SQL for the contacts that raised the insight `alias`: its own, its echoes, and those of the insights merged into
 * it. A merge moves echoes to the insight merged into, so the merged ones have none of their own left.
 */
export const totalContactsSql = (alias: string) => `(${alias}.contacts_raised
  + coalesce((SELECT sum(ec.contacts) FROM insight_echoes ec WHERE ec.insight_id = ${alias}.id), 0)
  + coalesce((SELECT sum(mi.contacts_raised) FROM insights mi WHERE mi.merged_into_id = ${alias}.id), 0))::int`;

export interface InsightContacts {
  own: number;
  echoes: number;
  merged: number;
  total: number;
}

export async function insightContacts(manager: EntityManager, insightId: string): Promise<InsightContacts> {
  const [row]: Omit<InsightContacts, 'total'>[] = await manager.query(
    `SELECT i.contacts_raised AS own,
            coalesce((SELECT sum(ec.contacts) FROM insight_echoes ec
                       WHERE ec.insight_id = i.id OR ec.insight_id IN (SELECT mi.id FROM insights mi WHERE mi.merged_into_id = i.id)), 0)::int AS echoes,
            coalesce((SELECT sum(mi.contacts_raised) FROM insights mi WHERE mi.merged_into_id = i.id), 0)::int AS merged
       FROM insights i WHERE i.id = $1`,
    [insightId],
  );
  if (!row) throw new NotFound('There is no such insight.');
  return { ...row, total: row.own + row.echoes + row.merged };
}

export interface InsightAuthor {
  /** Null when the viewer may not see it: the insight it wrote was marked sensitive. */
  name: string | null;
  /** Wrote an insight that was merged into this one. */
  merged: boolean;
}

/** The author, then the authors of the insights merged into it, each shown only to those who may see it. */
export async function insightAuthors(manager: EntityManager, viewer: InsightViewer, insightId: string): Promise<InsightAuthor[]> {
  const rows: { authorId: string; name: string; sensitive: boolean; merged: boolean }[] = await manager.query(
    `SELECT i.author_id AS "authorId", e.full_name AS name, i.sensitive, i.id <> $1 AS merged
       FROM insights i JOIN employees e ON e.id = i.author_id
      WHERE i.id = $1 OR i.merged_into_id = $1
      ORDER BY i.id <> $1, i.created_at`,
    [insightId],
  );
  return rows.map((row) => ({ name: authorVisibleTo(viewer, row) ? row.name : null, merged: row.merged }));
}
