// "I heard this too": an employee adds the contacts of one of their shifts that raised an insight already
// written, instead of writing it again. An insight merged into another passes its echoes on to that one.
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { InvalidField } from '../http/invalid-fields';
import { insightStatusLabels, type InsightStatus } from './insight';
import type { EchoFormData } from './insight-form';
import { totalContactsSql } from './insight-queries';
import { checkLinkedShift } from './linked-shift';

export interface EchoTarget {
  id: string;
  summary: string;
  categoryName: string;
  statusLabel: string;
  contacts: number;
}

/** The insight an echo of `insightId` counts for: itself, or the one it was merged into. */
export async function findEchoTarget(manager: EntityManager, insightId: string, lock = false): Promise<EchoTarget> {
  const rows: (Omit<EchoTarget, 'statusLabel'> & { status: InsightStatus })[] = await manager.query(
    `SELECT i.id, i.summary, c.name AS "categoryName", i.status, ${totalContactsSql('i')} AS contacts
       FROM insights asked
       JOIN insights i ON i.id = coalesce(asked.merged_into_id, asked.id)
       JOIN insight_categories c ON c.id = i.category_id
      WHERE asked.id = $1`,
    [insightId],
  );
  if (!rows[0]) throw new NotFound('There is no such insight.');
  if (lock) await manager.query(`SELECT 1 FROM insights WHERE id = $1 FOR UPDATE`, [rows[0].id]);
  const { status, ...target } = rows[0];
  return { ...target, statusLabel: insightStatusLabels[status] };
}

export async function echoInsight(manager: EntityManager, employee: { id: string; fullName: string }, insightId: string, data: EchoFormData): Promise<EchoTarget & { added: number }> {
  const target = await findEchoTarget(manager, insightId, true);
  await checkLinkedShift(manager, employee.id, { shiftId: data.shiftId, contacts: data.contacts }, { shift: 'shiftId', contacts: 'contacts' });
  // The same shift's contacts counted twice would inflate the share of customers who raised it.
  const [counted]: unknown[] = await manager.query(
    `SELECT 1 FROM insights i WHERE (i.id = $1 OR i.merged_into_id = $1) AND i.author_id = $2 AND i.shift_id = $3
     UNION ALL
     SELECT 1 FROM insight_echoes ec WHERE ec.insight_id = $1 AND ec.employee_id = $2 AND ec.shift_id = $3`,
    [target.id, employee.id, data.shiftId],
  );
  if (counted) throw new InvalidField('shiftId', 'You already counted the contacts of this shift for this insight: choose another shift');
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO insight_echoes (insight_id, employee_id, shift_id, contacts) VALUES ($1, $2, $3, $4) RETURNING id`,
    [target.id, employee.id, data.shiftId, data.contacts],
  );
  await recordAudit(manager, { id: employee.id, name: employee.fullName }, {
    entityType: 'insight',
    entityId: target.id,
    action: 'echoed',
    summary: `Heard “${target.summary}” too, from ${data.contacts} ${data.contacts === 1 ? 'contact' : 'contacts'}`,
    after: { echoId: id, shiftId: data.shiftId, contacts: data.contacts },
  });
  return { ...target, contacts: target.contacts + data.contacts, added: data.contacts };
}
