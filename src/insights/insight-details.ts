// One insight with its names resolved, for the pages that show it whole (its author's, and the merge page).
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { insightStatusLabels, severityLabels, type InsightStatus, type InsightText } from './insight';
import type { MaskedEntry } from './insight-capture';

export interface InsightDetails extends InsightText {
  authorId: string;
  sensitive: boolean;
  severityLabel: string;
  statusLabel: string;
  /** 'yyyy-mm-dd', UTC */
  writtenOn: string;
  contactsRaised: number;
  masked: MaskedEntry[];
  /** The insight the departments now work on instead, with its status. */
  mergedInto: { id: string; summary: string; statusLabel: string } | null;
  tags: string[];
  departments: { id: string; name: string }[];
}

export async function loadInsightDetails(manager: EntityManager, id: string): Promise<InsightDetails> {
  const rows: (Omit<InsightDetails, 'severityLabel' | 'statusLabel' | 'mergedInto'> & { mergedInto: { id: string; summary: string; status: InsightStatus } | null })[] = await manager.query(
    `SELECT i.id, i.author_id AS "authorId", i.sensitive, i.summary, i.verbatim, i.situation, c.name AS "categoryName", pa.name AS "productAreaName",
            i.severity, i.status, to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "writtenOn", i.contacts_raised AS "contactsRaised", i.masked,
            CASE WHEN target.id IS NULL THEN NULL ELSE json_build_object('id', target.id, 'summary', target.summary, 'status', target.status) END AS "mergedInto",
            array(SELECT t.tag FROM insight_tags t WHERE t.insight_id = i.id ORDER BY t.tag) AS tags,
            coalesce((SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY lower(d.name))
                        FROM insight_departments idp JOIN departments d ON d.id = idp.department_id WHERE idp.insight_id = i.id), '[]') AS departments
       FROM insights i
       JOIN insight_categories c ON c.id = i.category_id
       LEFT JOIN product_areas pa ON pa.id = i.product_area_id
       LEFT JOIN insights target ON target.id = i.merged_into_id
      WHERE i.id = $1`,
    [id],
  );
  if (!rows[0]) throw new NotFound('There is no such insight.');
  const { mergedInto, ...row } = rows[0];
  return {
    ...row,
    severityLabel: severityLabels[row.severity],
    statusLabel: insightStatusLabels[row.status],
    mergedInto: mergedInto && { id: mergedInto.id, summary: mergedInto.summary, statusLabel: insightStatusLabels[mergedInto.status] },
  };
}
