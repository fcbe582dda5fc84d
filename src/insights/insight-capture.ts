// Saving an insight an employee wrote: checked against HR's lists and the person's shift, with personal data
// masked before anything is stored.
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { InvalidField } from '../http/invalid-fields';
import { situationMaxLength, summaryMaxLength, verbatimMaxLength } from './insight';
import type { InsightFormData } from './insight-form';
import { requireOpenEntry } from './insight-lists';
import { checkLinkedShift } from './linked-shift';
import { maskPersonalData, type MaskedCount } from './masking';

export const maskedFields = ['summary', 'verbatim', 'situation'] as const;
export type MaskedField = (typeof maskedFields)[number];

/** What `insights.masked` holds: never the values, only where and how many. */
export interface MaskedEntry extends MaskedCount {
  field: MaskedField;
}

const maxLengths: Record<MaskedField, number> = { summary: summaryMaxLength, verbatim: verbatimMaxLength, situation: situationMaxLength };

function maskFields(texts: Record<MaskedField, string | null>): { texts: Record<MaskedField, string | null>; masked: MaskedEntry[] } {
  const masked: MaskedEntry[] = [];
  const result = { ...texts };
  for (const field of maskedFields) {
    const text = texts[field];
    if (text === null) continue;
    const outcome = maskPersonalData(text);
    result[field] = outcome.text;
    masked.push(...outcome.masked.map((count) => ({ field, ...count })));
    // A marker can be longer than what it replaced (a short email address).
    if (outcome.text.length > maxLengths[field]) {
      throw new InvalidField(field, `With personal details masked this is longer than ${maxLengths[field]} characters: shorten it a little`);
    }
  }
  return { texts: result, masked };
}

async function requireOpenDepartments(manager: EntityManager, departmentIds: string[]): Promise<void> {
  const [{ open }]: { open: number }[] = await manager.query(`SELECT count(*)::int AS open FROM departments WHERE id = ANY($1) AND archived_at IS NULL`, [departmentIds]);
  if (open !== new Set(departmentIds).size) throw new InvalidField('departmentIds', 'Choose among the departments offered');
}

export async function captureInsight(manager: EntityManager, author: { id: string; fullName: string }, data: InsightFormData): Promise<{ id: string }> {
  await requireOpenEntry(manager, 'category', data.categoryId, 'categoryId');
  if (data.productAreaId) await requireOpenEntry(manager, 'product-area', data.productAreaId, 'productAreaId');
  await requireOpenDepartments(manager, data.departmentIds);
  await checkLinkedShift(manager, author.id, { shiftId: data.shiftId, contacts: data.contactsRaised }, { shift: 'shiftId', contacts: 'contactsRaised' });
  const { texts, masked } = maskFields({ summary: data.summary, verbatim: data.verbatim, situation: data.situation });

  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO insights (author_id, shift_id, summary, verbatim, situation, category_id, product_area_id, severity, contacts_raised, sensitive, masked)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [author.id, data.shiftId, texts.summary, texts.verbatim, texts.situation, data.categoryId, data.productAreaId, data.severity, data.contactsRaised, data.sensitive, JSON.stringify(masked)],
  );
  await manager.query(`INSERT INTO insight_tags (insight_id, tag) SELECT $1, unnest($2::text[])`, [id, data.tags]);
  const departmentIds = [...new Set(data.departmentIds)];
  await manager.query(`INSERT INTO insight_departments (insight_id, department_id) SELECT $1, unnest($2::uuid[])`, [id, departmentIds]);
  await recordAudit(manager, { id: author.id, name: author.fullName }, {
    entityType: 'insight',
    entityId: id,
    action: 'created',
    summary: `Wrote insight “${texts.summary}”`,
    after: {
      categoryId: data.categoryId,
      productAreaId: data.productAreaId,
      severity: data.severity,
      contactsRaised: data.contactsRaised,
      sensitive: data.sensitive,
      tags: data.tags,
      departmentIds,
      masked,
    },
  });
  return { id };
}
