// Insights like the one being written, so its author can add "I heard this too" instead of a duplicate:
// ranked by full-text relevance on the whole insight plus trigram similarity of the summaries.
import type { EntityManager } from 'typeorm';
import { hasNoControlCharacters } from '../http/validation';
import { insightStatusLabels, type InsightStatus } from './insight';
import { totalContactsSql } from './insight-queries';

export interface SimilarInsight {
  id: string;
  summary: string;
  categoryName: string;
  productAreaName: string | null;
  statusLabel: string;
  contacts: number;
}

export interface SimilarSearch {
  limit?: number;
  /** Only insights routed to one of these departments; null for all. */
  departmentIds?: readonly string[] | null;
  excludeId?: string | null;
}

/** Typed text shorter than this suggests nothing: too few letters to be alike in a useful way. */
export const minimumSimilarText = 3;
const maxWords = 12;

// websearch_to_tsquery joins words with AND; while someone is still typing, any shared word should count, and the
// rank then favours insights sharing more of them. Only words are passed, so nothing typed acts as an operator.
function anyWordQuery(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxWords).join(' or ');
}

export async function findSimilarInsights(manager: EntityManager, text: string, search: SimilarSearch = {}): Promise<SimilarInsight[]> {
  const typed = text.trim().slice(0, 200);
  const words = anyWordQuery(typed);
  // Text with a control character (a tampered request) can match nothing, and PostgreSQL refuses NUL outright.
  if (typed.length < minimumSimilarText || !words || !hasNoControlCharacters(typed)) return [];
  const rows: (Omit<SimilarInsight, 'statusLabel'> & { status: InsightStatus })[] = await manager.query(
    `WITH typed AS (SELECT websearch_to_tsquery('english', $1) AS query, lower($2) AS summary)
     SELECT i.id, i.summary, c.name AS "categoryName", pa.name AS "productAreaName", i.status, ${totalContactsSql('i')} AS contacts
       FROM insights i
       CROSS JOIN typed
       JOIN insight_categories c ON c.id = i.category_id
       LEFT JOIN product_areas pa ON pa.id = i.product_area_id
      WHERE i.merged_into_id IS NULL
        AND (i.search @@ typed.query OR lower(i.summary) % typed.summary)
        AND ($3::uuid IS NULL OR i.id <> $3)
        AND ($4::uuid[] IS NULL OR EXISTS (SELECT 1 FROM insight_departments idp WHERE idp.insight_id = i.id AND idp.department_id = ANY($4)))
      ORDER BY ts_rank(i.search, typed.query) + similarity(lower(i.summary), typed.summary) DESC, i.created_at DESC
      LIMIT $5`,
    [words, typed, search.excludeId ?? null, search.departmentIds ?? null, search.limit ?? 5],
  );
  return rows.map(({ status, ...row }) => ({ ...row, statusLabel: insightStatusLabels[status] }));
}
