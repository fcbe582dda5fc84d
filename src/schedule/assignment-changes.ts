// What HR does to one published assignment: move it, cancel it, defer it, mark it completed, or exempt its person
// from the programme. Each change takes the schedule's lock first (so changes and publishes queue up in one order),
// is checked, and moves the schedule version on.
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit-log';
import { RuleViolation } from '../http/errors';
import type { IsoDate } from '../planner';
import { addExemption } from '../rotations/programme-exemptions';
import { advanceScheduleVersion } from '../settings/settings.service';
import { checkStatusChange } from './assignment-status';
import { activeDeskName, blockOf, lockAssignment, saveAssignmentChange, type Assignment } from './assignment-store';
import { checkChangeableWeek, loadScheduleChecker } from './schedule-check';

export interface MoveTarget {
  firstWeek: string;
  deskId: string;
}

/** Another start week and/or desk; a deferred assignment becomes scheduled again. Checked against the schedule. */
export async function moveAssignment(manager: EntityManager, actor: AuditActor, id: string, version: number, target: MoveTarget, today: IsoDate): Promise<void> {
  await advanceScheduleVersion(manager);
  const current = await lockAssignment(manager, id, version);
  if (current.status !== 'scheduled') checkStatusChange(current.status, 'scheduled');
  checkChangeableWeek(target.firstWeek, today);
  const deskName = await activeDeskName(manager, target.deskId);
  if (current.status === 'scheduled' && current.deskId === target.deskId && current.firstWeek === target.firstWeek) {
    throw new RuleViolation(`It already starts in ${target.firstWeek} on ${deskName}.`);
  }
  const place = { deskId: target.deskId, firstWeek: target.firstWeek, weeks: current.weeks };
  (await loadScheduleChecker(manager, today)).require([blockOf(current, place)], [current.id]);
  await saveAssignmentChange(manager, actor, current, {
    place,
    status: 'scheduled',
    statusReason: null,
    action: 'moved',
    summary: `Moved ${current.employeeName}’s ${current.programmeName} to ${deskName} from ${target.firstWeek}`,
    notice: 'changed',
  });
}

async function changeStatus(
  manager: EntityManager,
  actor: AuditActor,
  current: Assignment,
  change: { status: 'cancelled' | 'deferred' | 'completed'; reason: string | null; action: string; summary: string },
): Promise<void> {
  checkStatusChange(current.status, change.status);
  await saveAssignmentChange(manager, actor, current, {
    place: { deskId: current.deskId, firstWeek: current.firstWeek, weeks: current.weeks },
    status: change.status,
    statusReason: change.reason,
    action: change.action,
    summary: change.summary,
    notice: change.status === 'completed' ? null : 'cancelled',
  });
}

export async function cancelAssignment(manager: EntityManager, actor: AuditActor, id: string, version: number, reason: string): Promise<void> {
  await advanceScheduleVersion(manager);
  const current = await lockAssignment(manager, id, version);
  await changeStatus(manager, actor, current, {
    status: 'cancelled',
    reason,
    action: 'cancelled',
    summary: `Cancelled ${current.employeeName}’s ${current.programmeName} from ${current.firstWeek}: ${reason}`,
  });
}

/** Not now: the person becomes due again, and the next plan run places them afresh. */
export async function deferAssignment(manager: EntityManager, actor: AuditActor, id: string, version: number, reason: string): Promise<void> {
  await advanceScheduleVersion(manager);
  const current = await lockAssignment(manager, id, version);
  await changeStatus(manager, actor, current, {
    status: 'deferred',
    reason,
    action: 'deferred',
    summary: `Deferred ${current.employeeName}’s ${current.programmeName} from ${current.firstWeek}: ${reason}`,
  });
}

export async function completeAssignment(manager: EntityManager, actor: AuditActor, id: string, version: number): Promise<void> {
  await advanceScheduleVersion(manager);
  const current = await lockAssignment(manager, id, version);
  await changeStatus(manager, actor, current, {
    status: 'completed',
    reason: null,
    action: 'completed',
    summary: `Marked ${current.employeeName}’s ${current.programmeName} from ${current.firstWeek} completed`,
  });
}

/** Excuses the person from the programme for good (as on the programme's page) and cancels this assignment. */
export async function exemptFromProgramme(manager: EntityManager, actor: AuditActor, id: string, version: number, reason: string): Promise<void> {
  await advanceScheduleVersion(manager);
  const current = await lockAssignment(manager, id, version);
  checkStatusChange(current.status, 'cancelled');
  const [{ email }]: { email: string }[] = await manager.query(`SELECT email FROM employees WHERE id = $1`, [current.employeeId]);
  await addExemption(manager, actor, current.programmeId, { email, reason });
  await changeStatus(manager, actor, current, {
    status: 'cancelled',
    reason: `Exempt from ${current.programmeName}: ${reason}`,
    action: 'exempted',
    summary: `Exempted ${current.employeeName} from ${current.programmeName} and cancelled the assignment from ${current.firstWeek}: ${reason}`,
  });
}
