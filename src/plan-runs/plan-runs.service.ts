// Runs the planner on the organisation as it is now and saves the result as a draft plan run for HR to preview.
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit-log';
import { bulkInsert } from '../db/bulk-insert';
import { NotFound, RuleViolation } from '../http/errors';
import { checkPlan, planRotations, type AssignmentBlock, type IsoDate, type Plan, type PlanFigures, type PlanningInput } from '../planner';
import { scheduleVersion } from '../settings/settings.service';
import { loadPlanningModel } from '../rotations/planning-input';
import { withPlanRunLock } from './plan-run-lock';
import { loadPlanningPeople, loadPublishedAssignments } from './planning-people';
import { compareWithSchedule, type ScheduleChanges } from './schedule-changes';

export interface PlanRunOptions {
  today: IsoDate;
  horizonWeeks: number;
  /** HR asks to move scheduled assignments that have not started yet; those in progress never move. */
  replanPublished: boolean;
}

export class PlanBreaksRules extends Error {}

/** The Monday after `today`: a plan never changes the week already under way. */
export function nextMonday(today: IsoDate): IsoDate {
  return DateTime.fromISO(today, { zone: 'utc' }).plus({ weeks: 1 }).startOf('week').toISODate()!;
}

export async function createPlanRun(dataSource: DataSource, actor: AuditActor, options: PlanRunOptions): Promise<string> {
  return withPlanRunLock(dataSource, async (manager) => {
    const firstMonday = nextMonday(options.today);
    const plannedAgainst = await scheduleVersion(manager);
    const model = await loadPlanningModel(manager, options.today);
    const people = await loadPlanningPeople(manager, firstMonday);
    const published = await loadPublishedAssignments(manager, firstMonday);
    const fixed = options.replanPublished ? published.filter((assignment) => assignment.status === 'in-progress') : published;
    const input: PlanningInput = {
      firstWeek: DateTime.fromISO(firstMonday).toFormat("kkkk-'W'WW"),
      horizonWeeks: options.horizonWeeks,
      ...model,
      people,
      fixed: fixed.map(blockOf),
    };

    const started = performance.now();
    const plan = planRotations(input);
    const planningMs = Math.round(performance.now() - started);
    // The checker is the proof: a plan that breaks a hard rule is a bug, and must never reach HR as a draft.
    const violations = checkPlan(input, plan.assignments);
    if (violations.length) {
      throw new PlanBreaksRules(`The planner produced a plan that breaks ${violations.length} rule(s): ${violations.slice(0, 5).map((v) => v.message).join('; ')}`);
    }

    const draft = [...input.fixed, ...plan.assignments.map(blockOf)];
    const changes = compareWithSchedule(published.map(blockOf), draft);
    return manager.transaction((transaction) => savePlanRun(transaction, actor, { input, plan, changes, planningMs, scheduleVersion: plannedAgainst }));
  });
}

function blockOf(block: AssignmentBlock): AssignmentBlock {
  return { personId: block.personId, programmeId: block.programmeId, deskId: block.deskId, firstWeek: block.firstWeek, weeks: block.weeks };
}

export interface PlanRunResult {
  input: PlanningInput;
  plan: Plan;
  changes: ScheduleChanges;
  planningMs: number;
  /** The published schedule's version the plan was made against. */
  scheduleVersion: number;
}

export async function savePlanRun(manager: EntityManager, actor: AuditActor, { input, plan, changes, planningMs, scheduleVersion }: PlanRunResult): Promise<string> {
  const [{ id }] = await manager.query(
    `INSERT INTO plan_runs (first_week, horizon_weeks, figures, changes, planning_ms, created_by, created_by_name, schedule_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [input.firstWeek, input.horizonWeeks, JSON.stringify(plan.figures), JSON.stringify(changes), planningMs, actor.id, actor.name, scheduleVersion],
  );
  await bulkInsert(
    manager,
    'plan_run_assignments',
    ['plan_run_id:uuid', 'employee_id:uuid', 'programme_id:uuid', 'desk_id:uuid', 'first_week:text', 'weeks:int4', 'due_week:text', 'on_time:bool', 'fixed:bool'].map(column),
    [
      ...input.fixed.map((block) => [id, block.personId, block.programmeId, block.deskId, block.firstWeek, block.weeks, block.firstWeek, true, true]),
      ...plan.assignments.map((a) => [id, a.personId, a.programmeId, a.deskId, a.firstWeek, a.weeks, a.dueWeek, a.onTime, false]),
    ],
  );
  await bulkInsert(
    manager,
    'plan_run_unplaced',
    ['plan_run_id:uuid', 'employee_id:uuid', 'programme_id:uuid', 'due_week:text', 'reason:text', 'explanation:text'].map(column),
    plan.unplaced.map((u) => [id, u.personId, u.programmeId, u.dueWeek, u.reason, u.explanation]),
  );
  return id;
}

const column = (spec: string) => {
  const [name, type] = spec.split(':');
  return { name, type };
};

export interface PlanRunSummary {
  id: string;
  status: 'draft' | 'published' | 'discarded';
  firstWeek: string;
  horizonWeeks: number;
  figures: PlanFigures;
  changes: ScheduleChanges;
  planningMs: number;
  createdByName: string;
  createdAt: Date;
  scheduleVersion: number;
}

interface PlanRunRow {
  id: string;
  status: PlanRunSummary['status'];
  first_week: string;
  horizon_weeks: number;
  figures: PlanFigures;
  changes: ScheduleChanges;
  planning_ms: number;
  created_by_name: string;
  created_at: Date;
  schedule_version: number;
}

const summaryOf = (row: PlanRunRow): PlanRunSummary => ({
  id: row.id,
  status: row.status,
  firstWeek: row.first_week,
  horizonWeeks: row.horizon_weeks,
  figures: row.figures,
  changes: row.changes,
  planningMs: row.planning_ms,
  createdByName: row.created_by_name,
  createdAt: row.created_at,
  scheduleVersion: row.schedule_version,
});

export async function listPlanRuns(manager: EntityManager, limit = 50): Promise<PlanRunSummary[]> {
  const rows: PlanRunRow[] = await manager.query(`SELECT * FROM plan_runs ORDER BY created_at DESC LIMIT $1`, [limit]);
  return rows.map(summaryOf);
}

export async function findPlanRun(manager: EntityManager, id: string): Promise<PlanRunSummary> {
  const rows: PlanRunRow[] = await manager.query(`SELECT * FROM plan_runs WHERE id = $1`, [id]);
  if (!rows.length) throw new NotFound('There is no plan run with that id.');
  return summaryOf(rows[0]);
}

export async function discardPlanRun(manager: EntityManager, id: string): Promise<void> {
  const run = await findPlanRun(manager, id);
  if (run.status !== 'draft') throw new RuleViolation(`This plan run is ${run.status}; only a draft can be discarded.`);
  await manager.query(`UPDATE plan_runs SET status = 'discarded' WHERE id = $1`, [id]);
}
