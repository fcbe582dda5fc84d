// "My insights": what an employee wrote and heard, where each stands, and the departments' answers. An insight
// merged into another takes the status and answers of the one the departments now work on.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { insightStatusLabels, type InsightStatus } from './insight';
import { maskedFields, type MaskedEntry, type MaskedField } from './insight-capture';
import { loadInsightDetails, type InsightDetails } from './insight-details';
import { insightContacts, totalContactsSql, type InsightContacts } from './insight-queries';
import { describeMasked } from './masking';

export interface InsightAnswer {
  authorName: string;
  writtenOn: string;
  body: string;
  statusLabel: string | null;
  reroutedTo: string | null;
}

interface AnswerRow extends Omit<InsightAnswer, 'statusLabel'> {
  statusTo: InsightStatus | null;
}

const answersSql = (insightIds: string) => `
  coalesce((SELECT json_agg(json_build_object('authorName', ae.full_name, 'writtenOn', to_char(cm.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
                                              'body', cm.body, 'statusTo', cm.status_to, 'reroutedTo', rd.name) ORDER BY cm.created_at)
              FROM insight_comments cm
              JOIN employees ae ON ae.id = cm.author_id
              LEFT JOIN departments rd ON rd.id = cm.rerouted_to
             WHERE cm.insight_id IN (${insightIds})), '[]')`;

const toAnswers = (rows: AnswerRow[]): InsightAnswer[] =>
  rows.map(({ statusTo, ...answer }) => ({ ...answer, statusLabel: statusTo ? insightStatusLabels[statusTo] : null }));

export interface MyInsight {
  id: string;
  summary: string;
  writtenOn: string;
  categoryName: string;
  statusLabel: string;
  departments: string[];
  contacts: number;
  mergedInto: string | null;
  answers: InsightAnswer[];
}

/** The person's insights, newest first. */
export async function listMyInsights(manager: EntityManager, employeeId: string): Promise<MyInsight[]> {
  const rows: (Omit<MyInsight, 'statusLabel' | 'answers'> & { status: InsightStatus; answers: AnswerRow[] })[] = await manager.query(
    `SELECT i.id, i.summary, to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "writtenOn", c.name AS "categoryName",
            coalesce(target.status, i.status) AS status, target.summary AS "mergedInto",
            array(SELECT d.name FROM insight_departments idp JOIN departments d ON d.id = idp.department_id
                   WHERE idp.insight_id = coalesce(target.id, i.id) ORDER BY lower(d.name)) AS departments,
            CASE WHEN target.id IS NULL THEN ${totalContactsSql('i')} ELSE ${totalContactsSql('target')} END AS contacts,
            ${answersSql('i.id, target.id')} AS answers
       FROM insights i
       JOIN insight_categories c ON c.id = i.category_id
       LEFT JOIN insights target ON target.id = i.merged_into_id
      WHERE i.author_id = $1
      ORDER BY i.created_at DESC, i.id`,
    [employeeId],
  );
  return rows.map(({ status, answers, ...row }) => ({ ...row, statusLabel: insightStatusLabels[status], answers: toAnswers(answers) }));
}

export interface MyEcho {
  insightId: string;
  summary: string;
  heardOn: string;
  contacts: number;
  statusLabel: string;
}

/** The insights the person said they heard too, newest first. */
export async function listMyEchoes(manager: EntityManager, employeeId: string): Promise<MyEcho[]> {
  const rows: (Omit<MyEcho, 'statusLabel'> & { status: InsightStatus })[] = await manager.query(
    `SELECT i.id AS "insightId", i.summary, to_char(ec.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "heardOn", ec.contacts, i.status
       FROM insight_echoes ec JOIN insights i ON i.id = ec.insight_id
      WHERE ec.employee_id = $1
      ORDER BY ec.created_at DESC, ec.id`,
    [employeeId],
  );
  return rows.map(({ status, ...row }) => ({ ...row, statusLabel: insightStatusLabels[status] }));
}

const fieldNames: Record<MaskedField, string> = { summary: 'the summary', verbatim: 'what the customer said', situation: 'the customer’s situation' };

/** "In what the customer said: 1 email address and 1 phone number." for each field that had any. */
export function describeMaskedEntries(masked: MaskedEntry[]): string[] {
  return maskedFields
    .map((field) => ({ field, counts: masked.filter((entry) => entry.field === field) }))
    .filter(({ counts }) => counts.length)
    .map(({ field, counts }) => `In ${fieldNames[field]}: ${describeMasked(counts)}.`);
}

export interface MyInsightPage {
  insight: InsightDetails;
  contacts: InsightContacts;
  maskedNotes: string[];
  answers: InsightAnswer[];
}

/** One of the person's own insights; anyone else's is not there for them. */
export async function loadMyInsight(manager: EntityManager, employeeId: string, insightId: string): Promise<MyInsightPage> {
  const insight = await loadInsightDetails(manager, insightId);
  if (insight.authorId !== employeeId) throw new NotFound('There is no such insight.');
  const [{ answers }]: { answers: AnswerRow[] }[] = await manager.query(`SELECT ${answersSql('$1::uuid, $2::uuid')} AS answers`, [insight.id, insight.mergedInto?.id ?? null]);
  return {
    insight,
    contacts: await insightContacts(manager, insight.mergedInto?.id ?? insight.id),
    maskedNotes: describeMaskedEntries(insight.masked),
    answers: toAnswers(answers),
  };
}
