// Publishes a draft plan run: in one transaction its blocks become the schedule. New blocks are inserted, published
// assignments the run re-planned are moved or (when it left them out) cancelled, and everyone affected is told.
// Set-based SQL throughout, so 100,000 blocks publish in a few statements rather than 100,000.
import type { EntityManager } from 'typeorm';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { Conflict, NotFound, RuleViolation } from '../http/errors';
import { queueScheduleNotices, type ScheduleEvent } from '../notices/schedule-notices';
import { weekNumber, type IsoDate } from '../planner';
import { advanceScheduleVersion, scheduleVersion } from '../settings/settings.service';
import { refuseOpenRequests } from './request-closing';
import { firstChangeableWeek } from './schedule-check';
import { weekDates } from './week-dates';

export class StaleDraft extends Conflict {}

export interface PublishFigures {
  added: number;
  moved: number;
  cancelled: number;
  unchanged: number;
}

interface RunRow {
  status: 'draft' | 'published' | 'discarded';
  first_week: string;
  schedule_version: number;
}

const staleMessages = {
  scheduleChanged:
    'The schedule changed after this draft was planned, so publishing it would undo those changes. Re-plan to start from the schedule as it is now.',
  started: (week: string) => `This draft plans from ${week}, which has already begun. Re-plan to start from the coming week.`,
};

/** Why a draft can no longer be published, or null when it can. */
export async function draftStaleness(manager: EntityManager, run: { firstWeek: string; scheduleVersion: number }, today: IsoDate): Promise<string | null> {
  if (run.scheduleVersion !== (await scheduleVersion(manager))) return staleMessages.scheduleChanged;
  if (weekNumber(run.firstWeek) < weekNumber(firstChangeableWeek(today))) return staleMessages.started(run.firstWeek);
  return null;
}

export async function publishPlanRun(manager: EntityManager, actor: AuditActor, runId: string, today: IsoDate): Promise<PublishFigures> {
  const [run]: RunRow[] = await manager.query(`SELECT status, first_week, schedule_version FROM plan_runs WHERE id = $1 FOR UPDATE`, [runId]);
  if (!run) throw new NotFound('There is no plan run with that id.');
  if (run.status !== 'draft') throw new RuleViolation(`This plan run is ${run.status}; only a draft can be published.`);
  if ((await advanceScheduleVersion(manager, run.schedule_version)) < 0) throw new StaleDraft(staleMessages.scheduleChanged);
  if (weekNumber(run.first_week) < weekNumber(firstChangeableWeek(today))) throw new StaleDraft(staleMessages.started(run.first_week));

  await matchDraftWithSchedule(manager, runId, weekDates(run.first_week, 1).startsOn);
  const unchanged = await countUnchanged(manager, runId);
  const spans = await spansOfDraft(manager);
  const added = await insertNewAssignments(manager, runId, spans);
  const moved = await moveReplannedAssignments(manager, runId, spans);
  const cancelled = await cancelDroppedAssignments(manager, runId, `Left out of the schedule re-planned from ${run.first_week}`);
  await manager.query(`UPDATE plan_runs SET status = 'published' WHERE id = $1`, [runId]);

  await queueScheduleNotices(manager, [...added, ...moved, ...cancelled]);
  await refuseOpenRequests(manager, actor, [...moved, ...cancelled].map((event) => event.assignmentId), `The schedule was re-planned from ${run.first_week}.`);
  const figures = { added: added.length, moved: moved.length, cancelled: cancelled.length, unchanged };
  await recordAudit(manager, actor, {
    entityType: 'plan-run',
    entityId: runId,
    action: 'published',
    summary: `Published the plan from ${run.first_week}: ${figures.added} new, ${figures.moved} moved, ${figures.cancelled} cancelled, ${figures.unchanged} unchanged`,
    after: figures,
  });
  return figures;
}

/**
 * Pairs each published assignment the run re-planned with the run's block for the same person and programme (in
 * week order), in a temporary table: a pair is a move, a block alone is new, an assignment alone was left out.
 * A run that kept the schedule fixed holds every scheduled assignment as a fixed block, so none of them pairs.
 */
async function matchDraftWithSchedule(manager: EntityManager, runId: string, firstMonday: IsoDate): Promise<void> {
  await manager.query(`
    CREATE TEMPORARY TABLE publish_blocks (
      assignment_id uuid, employee_id uuid NOT NULL, programme_id uuid NOT NULL,
      before_desk_id uuid, before_week text, before_weeks integer,
      desk_id uuid, first_week text, weeks integer
    ) ON COMMIT DROP`);
  await manager.query(
    `INSERT INTO publish_blocks
     WITH replanned AS (
       SELECT a.id, a.employee_id, a.programme_id, a.desk_id, a.first_week, a.weeks,
              row_number() OVER (PARTITION BY a.employee_id, a.programme_id ORDER BY a.first_week, a.id) AS n
         FROM assignments a
        WHERE a.status = 'scheduled' AND a.ends_on >= $2
          AND NOT EXISTS (SELECT 1 FROM plan_run_assignments f
                           WHERE f.plan_run_id = $1 AND f.fixed AND f.employee_id = a.employee_id AND f.programme_id = a.programme_id
                             AND f.desk_id = a.desk_id AND f.first_week = a.first_week)
     ), drafted AS (
       SELECT p.employee_id, p.programme_id, p.desk_id, p.first_week, p.weeks,
              row_number() OVER (PARTITION BY p.employee_id, p.programme_id ORDER BY p.first_week) AS n
         FROM plan_run_assignments p
        WHERE p.plan_run_id = $1 AND NOT p.fixed
     )
     SELECT r.id, coalesce(r.employee_id, d.employee_id), coalesce(r.programme_id, d.programme_id),
            r.desk_id, r.first_week, r.weeks, d.desk_id, d.first_week, d.weeks
       FROM replanned r
       FULL JOIN drafted d ON d.employee_id = r.employee_id AND d.programme_id = r.programme_id AND d.n = r.n`,
    [runId, firstMonday],
  );
}

async function countUnchanged(manager: EntityManager, runId: string): Promise<number> {
  const [{ count }]: { count: number }[] = await manager.query(
    `SELECT (SELECT count(*) FROM plan_run_assignments WHERE plan_run_id = $1 AND fixed)
          + (SELECT count(*) FROM publish_blocks WHERE desk_id = before_desk_id AND first_week = before_week AND weeks = before_weeks) AS count`,
    [runId],
  );
  return Number(count);
}

type Spans = [string[], number[], IsoDate[], IsoDate[]];

/** The dates of each distinct (first week, length) among the run's blocks: a few hundred, however many blocks. */
async function spansOfDraft(manager: EntityManager): Promise<Spans> {
  const rows: { first_week: string; weeks: number }[] = await manager.query(`SELECT DISTINCT first_week, weeks FROM publish_blocks WHERE desk_id IS NOT NULL`);
  const dates = rows.map((row) => weekDates(row.first_week, row.weeks));
  return [rows.map((row) => row.first_week), rows.map((row) => row.weeks), dates.map((date) => date.startsOn), dates.map((date) => date.endsOn)];
}

const spansJoin = `JOIN unnest($2::text[], $3::int[], $4::date[], $5::date[]) AS s(first_week, weeks, starts_on, ends_on)
                     ON s.first_week = b.first_week AND s.weeks = b.weeks`;

interface PlaceRow {
  id: string;
  employee_id: string;
  desk_id: string;
  first_week: string;
  weeks: number;
}

async function insertNewAssignments(manager: EntityManager, runId: string, spans: Spans): Promise<ScheduleEvent[]> {
  const rows: PlaceRow[] = await manager.query(
    `INSERT INTO assignments (employee_id, programme_id, desk_id, first_week, weeks, starts_on, ends_on, status, plan_run_id)
     SELECT b.employee_id, b.programme_id, b.desk_id, b.first_week, b.weeks, s.starts_on, s.ends_on, 'scheduled', $1
       FROM publish_blocks b ${spansJoin}
      WHERE b.assignment_id IS NULL
     RETURNING id, employee_id, desk_id, first_week, weeks`,
    [runId, ...spans],
  );
  return rows.map((row) => ({
    kind: 'published',
    assignmentId: row.id,
    employeeId: row.employee_id,
    before: null,
    after: { deskId: row.desk_id, firstWeek: row.first_week, weeks: row.weeks },
  }));
}

async function moveReplannedAssignments(manager: EntityManager, runId: string, spans: Spans): Promise<ScheduleEvent[]> {
  // An UPDATE gives its rows and their count.
  const [rows]: [(PlaceRow & { before_desk_id: string; before_week: string; before_weeks: number })[], number] = await manager.query(
    `UPDATE assignments a
        SET desk_id = b.desk_id, first_week = b.first_week, weeks = b.weeks, starts_on = s.starts_on, ends_on = s.ends_on,
            plan_run_id = $1, version = a.version + 1, updated_at = now()
       FROM publish_blocks b ${spansJoin}
      WHERE a.id = b.assignment_id AND b.desk_id IS NOT NULL
        AND (a.desk_id, a.first_week, a.weeks) IS DISTINCT FROM (b.desk_id, b.first_week, b.weeks)
     RETURNING a.id, a.employee_id, b.desk_id, b.first_week, b.weeks, b.before_desk_id, b.before_week, b.before_weeks`,
    [runId, ...spans],
  );
  return rows.map((row) => ({
    kind: 'changed',
    assignmentId: row.id,
    employeeId: row.employee_id,
    before: { deskId: row.before_desk_id, firstWeek: row.before_week, weeks: row.before_weeks },
    after: { deskId: row.desk_id, firstWeek: row.first_week, weeks: row.weeks },
  }));
}

async function cancelDroppedAssignments(manager: EntityManager, runId: string, reason: string): Promise<ScheduleEvent[]> {
  const [rows]: [PlaceRow[], number] = await manager.query(
    `UPDATE assignments a
        SET status = 'cancelled', status_reason = $2, plan_run_id = $1, version = a.version + 1, updated_at = now()
       FROM publish_blocks b
      WHERE a.id = b.assignment_id AND b.desk_id IS NULL
     RETURNING a.id, a.employee_id, a.desk_id, a.first_week, a.weeks`,
    [runId, reason],
  );
  return rows.map((row) => ({
    kind: 'cancelled',
    assignmentId: row.id,
    employeeId: row.employee_id,
    before: { deskId: row.desk_id, firstWeek: row.first_week, weeks: row.weeks },
    after: null,
    reason,
  }));
}
