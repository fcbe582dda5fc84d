// Triage by the heads of an insight's departments and by HR: a new status with a comment to the author, an answer
// without a new status, or passing the insight on to another department with a note. Every step is audited and
// told to the author (and to the authors of the insights merged into it).
//
// Allowed status changes, so that the author's view of an insight never jumps back without a reason given:
//   new          -> acknowledged, planned, done, won't do
//   acknowledged -> planned, done, won't do
//   planned      -> acknowledged (the plan was dropped), done, won't do
//   done         -> planned (it came back)
//   won't do     -> acknowledged, planned (reconsidered)
// Nothing returns to new: new means nobody has looked at it yet.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/audit-log';
import { queryNamed } from '../dashboards/dashboard-sql';
import { Conflict, RuleViolation } from '../http/errors';
import { insightStatusLabels, insightStatuses, type InsightStatus } from '../insights/insight';
import { queueMessageNotices } from '../notices/message-notices';
import { departmentOptions } from '../people/departments.service';
import { InvalidField } from '../http/invalid-fields';
import { numberText } from '../http/number-text';
import { versionField } from '../schedule/assignment-forms';
import type { DepartmentRef, LearningsScope } from './learnings-scope';
import { scopedInsight } from './insight-page';

export const statusTransitions: Record<InsightStatus, readonly InsightStatus[]> = {
  new: ['acknowledged', 'planned', 'done', 'wont-do'],
  acknowledged: ['planned', 'done', 'wont-do'],
  planned: ['acknowledged', 'done', 'wont-do'],
  done: ['planned'],
  'wont-do': ['acknowledged', 'planned'],
};

export const commentMaxLength = 2000;

const textField = (missing: string, max: number) =>
  z.preprocess((value) => value ?? '', z.string().trim().min(1, missing).max(max, `Keep it to ${numberText(max)} characters`));

export const triageForm = z.object({
  status: z.enum(insightStatuses, { error: 'Choose a status' }),
  comment: textField('Write a comment to the author: they see it with the status', commentMaxLength),
  version: versionField,
});
export type TriageForm = z.output<typeof triageForm>;

export const rerouteForm = z.object({
  fromDepartmentId: z.guid({ error: 'Choose the department to take it from' }),
  toDepartmentId: z.guid({ error: 'Choose the department to pass it to' }),
  note: textField('Write a note: why the other department, for them and for the author', commentMaxLength),
  version: versionField,
});
export type RerouteForm = z.output<typeof rerouteForm>;

interface LockedInsight {
  id: string;
  summary: string;
  status: InsightStatus;
  version: number;
  departments: { id: string; name: string }[];
}

/** The insight, locked, checked against the form's version; only an insight that is not merged is triaged. */
async function lockForTriage(manager: EntityManager, scope: LearningsScope, insightId: string, version: number): Promise<LockedInsight> {
  const { mergedIntoId } = await scopedInsight(manager, scope, insightId);
  if (mergedIntoId) throw new RuleViolation('This insight was merged into another: triage that one.');
  const [insight]: LockedInsight[] = await manager.query(
    `SELECT i.id, i.summary, i.status, i.version,
            coalesce((SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY lower(d.name))
                        FROM insight_departments x JOIN departments d ON d.id = x.department_id WHERE x.insight_id = i.id), '[]') AS departments
       FROM insights i WHERE i.id = $1 FOR UPDATE OF i`,
    [insightId],
  );
  if (insight.version !== version) throw new Conflict('Someone changed this insight meanwhile: read what changed, then try again.');
  return insight;
}

async function saveComment(
  manager: EntityManager,
  scope: LearningsScope,
  insightId: string,
  fields: { body: string; statusFrom?: InsightStatus; statusTo?: InsightStatus; reroutedFrom?: string; reroutedTo?: string },
): Promise<string> {
  await manager.query(`UPDATE insights SET version = version + 1, updated_at = now() WHERE id = $1`, [insightId]);
  const [comment]: { id: string }[] = await manager.query(
    `INSERT INTO insight_comments (insight_id, author_id, body, status_from, status_to, rerouted_from, rerouted_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [insightId, scope.viewer.id, fields.body, fields.statusFrom ?? null, fields.statusTo ?? null, fields.reroutedFrom ?? null, fields.reroutedTo ?? null],
  );
  return comment.id;
}

/** Tells the authors of the insight and of those merged into it (not the one who acted), each once per comment. */
async function tellAuthors(manager: EntityManager, scope: LearningsScope, insightId: string, commentId: string, words: (name: string) => { subject: string; body: string }) {
  const authors: { id: string; fullName: string }[] = await queryNamed(
    manager,
    `SELECT DISTINCT e.id, e.full_name AS "fullName"
       FROM insights i JOIN employees e ON e.id = i.author_id
      WHERE (i.id = :insightId OR i.merged_into_id = :insightId) AND e.id <> :actorId
        AND (e.termination_date IS NULL OR e.termination_date >= current_date)`,
    { insightId, actorId: scope.viewer.id },
  );
  await queueMessageNotices(
    manager,
    authors.map((author) => ({ kind: 'insight-answer', dedupeKey: `insight-answer:${commentId}:${author.id}`, employeeId: author.id, ...words(author.fullName) })),
  );
}

const listed = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** A new status with its comment, or (the status kept) an answer alone. */
export async function triageInsight(manager: EntityManager, scope: LearningsScope, insightId: string, form: TriageForm): Promise<void> {
  const insight = await lockForTriage(manager, scope, insightId, form.version);
  const changesStatus = form.status !== insight.status;
  if (changesStatus && !statusTransitions[insight.status].includes(form.status)) {
    const allowed = statusTransitions[insight.status].map((status) => insightStatusLabels[status]);
    throw new InvalidField('status', `An insight that is ${insightStatusLabels[insight.status]} can become ${listed(allowed)} only`);
  }
  if (changesStatus) await manager.query(`UPDATE insights SET status = $2 WHERE id = $1`, [insightId, form.status]);
  const commentId = await saveComment(manager, scope, insightId, {
    body: form.comment,
    ...(changesStatus ? { statusFrom: insight.status, statusTo: form.status } : {}),
  });
  const from = insightStatusLabels[insight.status];
  const to = insightStatusLabels[form.status];
  await recordAudit(manager, actorOf(scope.viewer), {
    entityType: 'insight',
    entityId: insightId,
    action: changesStatus ? 'status-changed' : 'answered',
    summary: changesStatus ? `Set “${insight.summary}” from ${from} to ${to}` : `Answered the author of “${insight.summary}”`,
    before: { status: insight.status },
    after: { status: form.status, comment: form.comment },
  });
  const departments = listed(insight.departments.map((department) => department.name));
  await tellAuthors(manager, scope, insightId, commentId, (name) => ({
    subject: changesStatus ? `Your insight is now ${to}: ${insight.summary}` : `An answer to your insight: ${insight.summary}`,
    body: [
      `Hello ${name},`,
      `${scope.viewer.fullName} (for ${departments}) answered the insight “${insight.summary}”.`,
      changesStatus ? `Status: ${to} (was ${from})` : `Status: ${to}`,
      form.comment,
      'Every answer is on your My insights page in Frontline.\n',
    ].join('\n\n'),
  }));
}

export interface Rerouted {
  departmentName: string;
  /** Whether the person who passed it on still sees it (HR, or a head of another department it is routed to). */
  stillInScope: boolean;
}

const mayTakeFrom = (scope: LearningsScope, departmentId: string) => scope.audience === 'hr' || scope.viewer.headedDepartmentIds.includes(departmentId);

export interface RerouteChoices {
  /** The insight's departments this person may take it from: those they head, or any for HR. */
  rerouteFrom: DepartmentRef[];
  /** The open departments it is not routed to yet. */
  rerouteTo: DepartmentRef[];
}

export async function rerouteChoices(manager: EntityManager, scope: LearningsScope, routedTo: DepartmentRef[]): Promise<RerouteChoices> {
  const routedIds = new Set(routedTo.map((department) => department.id));
  return {
    rerouteFrom: routedTo.filter((department) => mayTakeFrom(scope, department.id)),
    rerouteTo: (await departmentOptions(manager)).filter((department) => !routedIds.has(department.id)),
  };
}

/** Takes the insight from one of its departments (one the person heads, or any for HR) and routes it to another. */
export async function rerouteInsight(manager: EntityManager, scope: LearningsScope, insightId: string, form: RerouteForm): Promise<Rerouted> {
  const insight = await lockForTriage(manager, scope, insightId, form.version);
  const source = insight.departments.find((department) => department.id === form.fromDepartmentId);
  if (!source || !mayTakeFrom(scope, source.id)) {
    throw new InvalidField('fromDepartmentId', 'Choose one of your departments this insight is routed to');
  }
  const [target]: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM departments WHERE id = $1 AND archived_at IS NULL`, [form.toDepartmentId]);
  if (!target || insight.departments.some((department) => department.id === target.id)) {
    throw new InvalidField('toDepartmentId', 'Choose a department this insight is not routed to yet');
  }
  await manager.query(`DELETE FROM insight_departments WHERE insight_id = $1 AND department_id = $2`, [insightId, source.id]);
  await manager.query(`INSERT INTO insight_departments (insight_id, department_id, note) VALUES ($1, $2, $3)`, [insightId, target.id, form.note]);
  const commentId = await saveComment(manager, scope, insightId, { body: form.note, reroutedFrom: source.id, reroutedTo: target.id });
  const remaining = [...insight.departments.filter((department) => department.id !== source.id), target];
  const after = remaining.map((department) => department.name);
  await recordAudit(manager, actorOf(scope.viewer), {
    entityType: 'insight',
    entityId: insightId,
    action: 'rerouted',
    summary: `Passed “${insight.summary}” from ${source.name} to ${target.name}`,
    before: { departments: insight.departments.map((department) => department.name) },
    after: { departments: after, note: form.note },
  });
  await tellAuthors(manager, scope, insightId, commentId, (name) => ({
    subject: `Your insight was passed on to ${target.name}: ${insight.summary}`,
    body: [
      `Hello ${name},`,
      `${scope.viewer.fullName} passed the insight “${insight.summary}” from ${source.name} to ${target.name}, with this note:`,
      form.note,
      'Every answer is on your My insights page in Frontline.\n',
    ].join('\n\n'),
  }));
  return {
    departmentName: target.name,
    stillInScope: scope.audience === 'hr' || remaining.some((department) => scope.viewer.headedDepartmentIds.includes(department.id)),
  };
}
