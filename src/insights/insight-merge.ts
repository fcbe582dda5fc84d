// Merging a duplicate (the source) into the insight that stays (the target): the source keeps its author and
// text but points at the target; its echoes, tags and departments move there, so counts roll up. Heads of a
// department both insights reach, and HR, may merge.
import type { EntityManager } from 'typeorm';
import { recordAuditEntries } from '../audit/audit-log';
import { Conflict, Forbidden, NotFound, RuleViolation } from '../http/errors';
import { insightContacts, insightAuthors, type InsightAuthor, type InsightContacts, type InsightViewer } from './insight-queries';
import { loadInsightDetails, type InsightDetails } from './insight-details';
import { findSimilarInsights, type SimilarInsight } from './similar-insights';

export interface InsightManager extends InsightViewer {
  fullName: string;
  headedDepartmentIds: readonly string[];
}

/** HR, or a head of one of the departments the insight reaches. */
export function mayManageInsight(viewer: InsightManager, departmentIds: readonly string[]): boolean {
  return viewer.roles.includes('hr') || departmentIds.some((id) => viewer.headedDepartmentIds.includes(id));
}

interface LockedInsight {
  id: string;
  summary: string;
  mergedIntoId: string | null;
  departmentIds: string[];
}

async function lockInsights(manager: EntityManager, ids: string[]): Promise<Map<string, LockedInsight>> {
  // In id order, so that two merges of the same pair cannot wait on each other.
  const rows: LockedInsight[] = await manager.query(
    `SELECT i.id, i.summary, i.merged_into_id AS "mergedIntoId",
            array(SELECT idp.department_id FROM insight_departments idp WHERE idp.insight_id = i.id) AS "departmentIds"
       FROM insights i WHERE i.id = ANY($1) ORDER BY i.id FOR UPDATE OF i`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export async function mergeInsights(manager: EntityManager, viewer: InsightManager, targetId: string, sourceId: string): Promise<{ target: string; source: string }> {
  if (targetId === sourceId) throw new RuleViolation('An insight cannot be merged into itself.');
  const locked = await lockInsights(manager, [targetId, sourceId]);
  const target = locked.get(targetId);
  const source = locked.get(sourceId);
  if (!target || !source) throw new NotFound('There is no such insight.');
  if (!mayManageInsight(viewer, target.departmentIds) || !mayManageInsight(viewer, source.departmentIds)) {
    throw new Forbidden('Only HR and the heads of departments both insights reach may merge them.');
  }
  if (source.mergedIntoId) throw new Conflict(`“${source.summary}” was merged into another insight already.`);
  if (target.mergedIntoId) throw new Conflict(`“${target.summary}” was merged into another insight: merge into that one instead.`);

  // Insights merged into the source earlier now count for the target directly: merges stay one level deep.
  await manager.query(
    `UPDATE insights SET merged_into_id = $1, merged_at = coalesce(merged_at, now()), version = version + 1, updated_at = now()
      WHERE id = $2 OR merged_into_id = $2`,
    [targetId, sourceId],
  );
  await manager.query(`UPDATE insight_echoes SET insight_id = $1 WHERE insight_id = $2`, [targetId, sourceId]);
  await manager.query(`INSERT INTO insight_tags (insight_id, tag) SELECT $1, tag FROM insight_tags WHERE insight_id = $2 ON CONFLICT DO NOTHING`, [targetId, sourceId]);
  await manager.query(`DELETE FROM insight_tags WHERE insight_id = $1`, [sourceId]);
  await manager.query(
    `INSERT INTO insight_departments (insight_id, department_id, routed_at, note)
     SELECT $1, department_id, routed_at, note FROM insight_departments WHERE insight_id = $2 ON CONFLICT DO NOTHING`,
    [targetId, sourceId],
  );
  await manager.query(`DELETE FROM insight_departments WHERE insight_id = $1`, [sourceId]);
  await manager.query(`UPDATE insights SET version = version + 1, updated_at = now() WHERE id = $1`, [targetId]);

  await recordAuditEntries(manager, { id: viewer.id, name: viewer.fullName }, [
    {
      entityType: 'insight',
      entityId: targetId,
      action: 'merged',
      summary: `Merged “${source.summary}” into “${target.summary}”`,
      after: { mergedInsightId: sourceId },
    },
    {
      entityType: 'insight',
      entityId: sourceId,
      action: 'merged-into',
      summary: `Merged “${source.summary}” into “${target.summary}”`,
      before: { mergedIntoId: null, departmentIds: source.departmentIds },
      after: { mergedIntoId: targetId },
    },
  ]);
  return { target: target.summary, source: source.summary };
}

export interface MergePage {
  insight: InsightDetails;
  contacts: InsightContacts;
  authors: InsightAuthor[];
  search: string;
  candidates: SimilarInsight[];
}

/** The insight that stays, and the insights like it that this viewer may merge into it. */
export async function loadMergePage(manager: EntityManager, viewer: InsightManager, insightId: string, search: string): Promise<MergePage> {
  const insight = await loadInsightDetails(manager, insightId);
  if (!mayManageInsight(viewer, insight.departments.map((department) => department.id))) {
    throw new Forbidden('Only HR and the heads of departments this insight reaches may merge into it.');
  }
  const text = search.trim() || insight.summary;
  const candidates = insight.mergedInto
    ? []
    : await findSimilarInsights(manager, text, { limit: 10, excludeId: insight.id, departmentIds: viewer.roles.includes('hr') ? null : viewer.headedDepartmentIds });
  return { insight, contacts: await insightContacts(manager, insightId), authors: await insightAuthors(manager, viewer, insightId), search: text, candidates };
}
