// One insight as its departments' heads and HR read it: what the customer said, who heard it (unless sensitive),
// the insights merged into it, where it is routed, and every answer given so far.
import type { EntityManager } from 'typeorm';
import { queryNamed } from '../dashboards/dashboard-sql';
import { NotFound } from '../http/errors';
import type { InsightStatus, InsightText } from '../insights/insight';
import { authorVisibleTo, insightAuthors, insightContacts, type InsightAuthor, type InsightContacts } from '../insights/insight-queries';
import type { Stage } from '../shifts/shift';
import { routedWithin, type DepartmentRef, type LearningsScope } from './learnings-scope';

export interface MergedInsight {
  id: string;
  summary: string;
  verbatim: string;
  contactsRaised: number;
  createdAt: Date;
  /** Null when the viewer may not see it. */
  authorName: string | null;
}

export interface InsightComment {
  body: string;
  authorName: string;
  statusFrom: InsightStatus | null;
  statusTo: InsightStatus | null;
  reroutedFrom: string | null;
  reroutedTo: string | null;
  createdAt: Date;
}

export interface InsightPage extends InsightText {
  sensitive: boolean;
  createdAt: Date;
  version: number;
  contacts: InsightContacts;
  /** The author first, then those of the merged insights. */
  authors: InsightAuthor[];
  merged: MergedInsight[];
  departments: DepartmentRef[];
  tags: string[];
  shift: { deskName: string; stage: Stage; startsAt: Date } | null;
  comments: InsightComment[];
}

/**
 * The insight if it is routed to one of the scope's departments (a merged one: if its target is), with the one it
 * was merged into; otherwise NotFound, so that a head cannot even learn that another department's insight exists.
 */
export async function scopedInsight(manager: EntityManager, scope: LearningsScope, insightId: string): Promise<{ id: string; mergedIntoId: string | null }> {
  const [insight]: { id: string; mergedIntoId: string | null }[] = await queryNamed(
    manager,
    `SELECT i.id, i.merged_into_id AS "mergedIntoId"
       FROM insights i JOIN insights root ON root.id = coalesce(i.merged_into_id, i.id)
      WHERE i.id = :insightId AND ${routedWithin('root', scope.departmentIds)}`,
    { insightId, departmentIds: scope.departmentIds },
  );
  if (!insight) throw new NotFound('There is no such insight among those routed to your departments.');
  return insight;
}

export async function loadInsightPage(manager: EntityManager, scope: LearningsScope, insightId: string): Promise<InsightPage> {
  const [insight]: Omit<InsightPage, 'contacts' | 'authors' | 'merged' | 'comments'>[] = await manager.query(
    `SELECT i.id, i.summary, i.verbatim, i.situation, c.name AS "categoryName", pa.name AS "productAreaName", i.severity, i.status,
            i.sensitive, i.created_at AS "createdAt", i.version,
            array(SELECT t.tag FROM insight_tags t WHERE t.insight_id = i.id ORDER BY t.tag) AS tags,
            coalesce((SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY lower(d.name))
                        FROM insight_departments x JOIN departments d ON d.id = x.department_id WHERE x.insight_id = i.id), '[]') AS departments,
            CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('deskName', dk.name, 'stage', s.stage, 'startsAt', s.starts_at) END AS shift
       FROM insights i
       JOIN insight_categories c ON c.id = i.category_id
       LEFT JOIN product_areas pa ON pa.id = i.product_area_id
       LEFT JOIN shifts s ON s.id = i.shift_id
       LEFT JOIN assignments a ON a.id = s.assignment_id
       LEFT JOIN desks dk ON dk.id = a.desk_id
      WHERE i.id = $1`,
    [insightId],
  );
  if (!insight) throw new NotFound('There is no such insight.');
  const merged: (MergedInsight & { authorId: string; sensitive: boolean })[] = await manager.query(
    `SELECT m.id, m.summary, m.verbatim, m.contacts_raised AS "contactsRaised", m.created_at AS "createdAt",
            m.author_id AS "authorId", m.sensitive, e.full_name AS "authorName"
       FROM insights m JOIN employees e ON e.id = m.author_id
      WHERE m.merged_into_id = $1
      ORDER BY m.created_at, m.id`,
    [insightId],
  );
  const comments: InsightComment[] = await manager.query(
    `SELECT c.body, e.full_name AS "authorName", c.status_from AS "statusFrom", c.status_to AS "statusTo",
            df.name AS "reroutedFrom", dt.name AS "reroutedTo", c.created_at AS "createdAt"
       FROM insight_comments c
       JOIN employees e ON e.id = c.author_id
       LEFT JOIN departments df ON df.id = c.rerouted_from
       LEFT JOIN departments dt ON dt.id = c.rerouted_to
      WHERE c.insight_id = $1
      ORDER BY c.created_at, c.id`,
    [insightId],
  );
  return {
    ...insight,
    shift: insight.shift && { ...insight.shift, startsAt: new Date(insight.shift.startsAt) },
    contacts: await insightContacts(manager, insightId),
    authors: await insightAuthors(manager, scope.viewer, insightId),
    merged: merged.map(({ authorId, sensitive, ...row }) => ({ ...row, authorName: authorVisibleTo(scope.viewer, { authorId, sensitive }) ? row.authorName : null })),
    comments,
  };
}
