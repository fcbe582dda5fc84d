// Reads one assignment under a row lock and saves a change to it with everything that goes with a change: the new
// version, the audit entry with before and after, the notice to the employee, and the end of requests it undoes.
import type { EntityManager } from 'typeorm';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { Conflict, NotFound, RuleViolation } from '../http/errors';
import { queueScheduleNotices, type AssignmentPlace, type ScheduleEvent } from '../notices/schedule-notices';
import type { AssignmentBlock } from '../planner';
import type { AssignmentStatus, AssignmentSummary } from './assignment-status';
import { refuseOpenRequests } from './request-closing';
import { weekDates } from './week-dates';

export interface Assignment extends AssignmentSummary {
  employeeId: string;
  employeeName: string;
  programmeId: string;
  deskId: string;
  statusReason: string | null;
  version: number;
}

/** Someone else saved the assignment after the form was opened; the page shows it as it is now. */
export class AssignmentChangedMeanwhile extends Conflict {
  constructor(readonly assignmentId: string) {
    super('Someone else changed this assignment after you opened it. Here it is as it is now: check it, then make your change again.');
  }
}

const selectAssignment = `
  SELECT a.id, a.employee_id AS "employeeId", e.full_name AS "employeeName", a.programme_id AS "programmeId",
         p.name AS "programmeName", a.desk_id AS "deskId", d.name AS "deskName", a.first_week AS "firstWeek", a.weeks,
         to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
         a.status, a.status_reason AS "statusReason", a.version
    FROM assignments a
    JOIN employees e ON e.id = a.employee_id
    JOIN programmes p ON p.id = a.programme_id
    JOIN desks d ON d.id = a.desk_id`;

export async function findAssignment(manager: EntityManager, id: string): Promise<Assignment> {
  const [row]: Assignment[] = await manager.query(`${selectAssignment} WHERE a.id = $1`, [id]);
  if (!row) throw new NotFound('There is no such assignment.');
  return row;
}

/** The assignment, locked until the transaction ends; with `version`, refused if it has changed since. */
export async function lockAssignment(manager: EntityManager, id: string, version?: number): Promise<Assignment> {
  const [row]: Assignment[] = await manager.query(`${selectAssignment} WHERE a.id = $1 FOR UPDATE OF a`, [id]);
  if (!row) throw new NotFound('There is no such assignment.');
  if (version !== undefined && row.version !== version) throw new AssignmentChangedMeanwhile(id);
  return row;
}

/** The desk's name, refusing a desk that is archived or unknown. */
export async function activeDeskName(manager: EntityManager, deskId: string): Promise<string> {
  const [desk]: { name: string }[] = await manager.query(`SELECT name FROM desks WHERE id = $1 AND archived_at IS NULL`, [deskId]);
  if (!desk) throw new RuleViolation('Choose a desk that is in use.');
  return desk.name;
}

export const placeOf = (assignment: Pick<Assignment, 'deskId' | 'firstWeek' | 'weeks'>): AssignmentPlace => ({
  deskId: assignment.deskId,
  firstWeek: assignment.firstWeek,
  weeks: assignment.weeks,
});

export const blockOf = (assignment: Assignment, place: AssignmentPlace = placeOf(assignment)): AssignmentBlock => ({
  personId: assignment.employeeId,
  programmeId: assignment.programmeId,
  ...place,
});

/** How an assignment reads in the audit log and its summaries. */
export function describeAssignment(assignment: Pick<Assignment, 'deskName' | 'firstWeek' | 'weeks' | 'status'> & { statusReason?: string | null }) {
  return {
    desk: assignment.deskName,
    firstWeek: assignment.firstWeek,
    weeks: assignment.weeks,
    status: assignment.status,
    ...(assignment.statusReason ? { reason: assignment.statusReason } : {}),
  };
}

export interface AssignmentChange {
  place: AssignmentPlace;
  status: AssignmentStatus;
  statusReason: string | null;
  /** For the audit log: moved, cancelled, deferred, completed, exempted, swapped, ... */
  action: string;
  summary: string;
  /** What the employee is told; none when nothing changes for them (e.g. completed). */
  notice: ScheduleEvent['kind'] | null;
}

/** Saves the change to a locked assignment, with its audit entry and notice; open requests about it are refused. */
export async function saveAssignmentChange(manager: EntityManager, actor: AuditActor, before: Assignment, change: AssignmentChange): Promise<void> {
  const { startsOn, endsOn } = weekDates(change.place.firstWeek, change.place.weeks);
  await manager.query(
    `UPDATE assignments SET desk_id = $2, first_week = $3, weeks = $4, starts_on = $5, ends_on = $6, status = $7, status_reason = $8,
            completed_at = CASE WHEN $7 = 'completed' THEN coalesce(completed_at, now()) ELSE completed_at END,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [before.id, change.place.deskId, change.place.firstWeek, change.place.weeks, startsOn, endsOn, change.status, change.statusReason],
  );
  const [{ name: deskName }]: { name: string }[] = await manager.query(`SELECT name FROM desks WHERE id = $1`, [change.place.deskId]);
  await recordAudit(manager, actor, {
    entityType: 'assignment',
    entityId: before.id,
    action: change.action,
    summary: change.summary,
    before: describeAssignment(before),
    after: describeAssignment({ ...change.place, deskName, status: change.status, statusReason: change.statusReason }),
  });
  if (change.notice) {
    const stillOn = change.status === 'scheduled' || change.status === 'in-progress';
    await queueScheduleNotices(manager, [
      {
        kind: change.notice,
        assignmentId: before.id,
        employeeId: before.employeeId,
        before: placeOf(before),
        after: stillOn ? change.place : null,
        ...(change.statusReason ? { reason: change.statusReason } : {}),
      },
    ]);
  }
  await refuseOpenRequests(manager, actor, [before.id], `${before.employeeName}’s rotation changed meanwhile (${change.summary}).`);
}
