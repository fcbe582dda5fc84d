// HR's decisions on rotations that ended short of their hours: extend (more weeks to catch up in, checked against
// the schedule like any change), accept (completed as it is), or re-plan (cancelled: the person is due again and
// the next plan run places them afresh). Each goes through the schedule's own change path: lock, audit, notice.
import type { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit-log';
import { RuleViolation } from '../http/errors';
import { checkPlan, weekLabel, weekNumber, type AssignmentBlock, type IsoDate } from '../planner';
import { checkStatusChange } from '../schedule/assignment-status';
import { blockOf, lockAssignment, saveAssignmentChange, type Assignment } from '../schedule/assignment-store';
import { firstChangeableWeek, loadScheduleChecker, ScheduleRuleBroken } from '../schedule/schedule-check';
import { advanceScheduleVersion } from '../settings/settings.service';
import { rotationProgress } from './progress';

/** The longest an assignment may run, extensions included (as the schedule's table allows). */
const longestRotationWeeks = 65;

export interface IncompleteRotation {
  id: string;
  version: number;
  employeeName: string;
  programmeName: string;
  deskName: string;
  firstWeek: string;
  lastWeek: string;
  startsOn: string;
  endsOn: string;
  incompleteSince: string;
  expectedHours: number;
  loggedHours: number;
  /** Logged hours as a share of the expected, in whole percent. */
  loggedPercent: number;
}

/** Rotations waiting for HR's decision, longest waiting first. */
export async function listIncompleteRotations(manager: EntityManager, now: DateTime): Promise<IncompleteRotation[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM assignments WHERE incomplete_since IS NOT NULL AND status = 'in-progress' ORDER BY incomplete_since, ends_on, id`,
  );
  const list: IncompleteRotation[] = [];
  for (const { id } of rows) {
    const { rotation, expectedHours, loggedHours } = await rotationProgress(manager, id, now);
    list.push({
      id,
      version: rotation.version,
      employeeName: rotation.employeeName,
      programmeName: rotation.programmeName,
      deskName: rotation.deskName,
      firstWeek: rotation.firstWeek,
      lastWeek: weekLabel(weekNumber(rotation.firstWeek) + rotation.weeks - 1),
      startsOn: rotation.startsOn,
      endsOn: rotation.endsOn,
      incompleteSince: rotation.incompleteSince!,
      expectedHours,
      loggedHours,
      loggedPercent: expectedHours > 0 ? Math.floor((loggedHours * 100) / expectedHours) : 100,
    });
  }
  return list;
}

/** The assignment, locked, provided it is still waiting for a decision; with the hours for the summaries. */
async function lockIncomplete(manager: EntityManager, id: string, version: number, now: DateTime) {
  await advanceScheduleVersion(manager);
  const assignment = await lockAssignment(manager, id, version);
  const { rotation, expectedHours, loggedHours } = await rotationProgress(manager, id, now);
  if (!rotation.incompleteSince || assignment.status !== 'in-progress') {
    throw new RuleViolation(`${assignment.employeeName}’s ${assignment.programmeName} is not waiting for a decision.`);
  }
  return { assignment, hours: `${loggedHours} of ${expectedHours} expected hours logged` };
}

/** The decision is made: the rotation waits no longer, and records what the decision adds to it. */
async function clearFlag(manager: EntityManager, id: string, { completed = false, extendedBy = 0 } = {}): Promise<void> {
  await manager.query(
    `UPDATE assignments
        SET incomplete_since = NULL, extended_weeks = extended_weeks + $3, completed_at = CASE WHEN $2 THEN now() ELSE completed_at END
      WHERE id = $1`,
    [id, completed, extendedBy],
  );
}

const lastWeekOf = (assignment: Pick<Assignment, 'firstWeek' | 'weeks'>) => weekNumber(assignment.firstWeek) + assignment.weeks - 1;

/** Adds `weeks` weeks after the rotation's end; they must reach past the week under way and fit the schedule. */
export async function extendRotation(manager: EntityManager, actor: AuditActor, id: string, version: number, weeks: number, now: DateTime, today: IsoDate): Promise<void> {
  const { assignment, hours } = await lockIncomplete(manager, id, version, now);
  const lastWeek = lastWeekOf(assignment);
  const fewest = weekNumber(firstChangeableWeek(today)) - lastWeek;
  if (weeks < fewest) {
    throw new RuleViolation(`Extend by at least ${fewest} weeks: the weeks up to ${weekLabel(lastWeek + fewest - 1)} are under way or past, so a shorter extension leaves no time to catch up.`);
  }
  if (assignment.weeks + weeks > longestRotationWeeks) {
    throw new RuleViolation(`A rotation lasts at most ${longestRotationWeeks} weeks; this one has ${assignment.weeks} already.`);
  }
  const extension: AssignmentBlock = { ...blockOf(assignment), firstWeek: weekLabel(lastWeek + 1), weeks };
  const checker = await loadScheduleChecker(manager, today);
  // The extension is shorter than the programme by design; every other rule holds for it.
  const lengthRule = new Set(checkPlan(checker.input, [extension]).filter((violation) => violation.rule === 'block-length').map((violation) => violation.message));
  const reasons = checker.check([extension], []).filter((reason) => !lengthRule.has(reason));
  if (reasons.length) throw new ScheduleRuleBroken(reasons);
  await saveAssignmentChange(manager, actor, assignment, {
    place: { deskId: assignment.deskId, firstWeek: assignment.firstWeek, weeks: assignment.weeks + weeks },
    status: 'in-progress',
    statusReason: null,
    action: 'extended',
    summary: `Extended ${assignment.employeeName}’s ${assignment.programmeName} by ${weeks} weeks to ${weekLabel(lastWeek + weeks)} (${hours})`,
    notice: 'changed',
  });
  await clearFlag(manager, id, { extendedBy: weeks });
}

/** Completes the rotation as it is: it counts as done, and sets the person's next due date. */
export async function acceptRotation(manager: EntityManager, actor: AuditActor, id: string, version: number, now: DateTime): Promise<void> {
  const { assignment, hours } = await lockIncomplete(manager, id, version, now);
  checkStatusChange(assignment.status, 'completed');
  await saveAssignmentChange(manager, actor, assignment, {
    place: { deskId: assignment.deskId, firstWeek: assignment.firstWeek, weeks: assignment.weeks },
    status: 'completed',
    statusReason: null,
    action: 'accepted',
    summary: `Accepted ${assignment.employeeName}’s ${assignment.programmeName} from ${assignment.firstWeek} as completed (${hours})`,
    notice: null,
  });
  await clearFlag(manager, id, { completed: true });
}

/** Cancels the rotation: it does not count, the person is due again, and the next plan run places them. */
export async function replanRotation(manager: EntityManager, actor: AuditActor, id: string, version: number, now: DateTime): Promise<void> {
  const { assignment, hours } = await lockIncomplete(manager, id, version, now);
  checkStatusChange(assignment.status, 'cancelled');
  const reason = `Too few hours (${hours}): to be planned again`;
  await saveAssignmentChange(manager, actor, assignment, {
    place: { deskId: assignment.deskId, firstWeek: assignment.firstWeek, weeks: assignment.weeks },
    status: 'cancelled',
    statusReason: reason,
    action: 'replanned',
    summary: `Cancelled ${assignment.employeeName}’s ${assignment.programmeName} from ${assignment.firstWeek} to plan it again: ${reason}`,
    notice: 'cancelled',
  });
  await clearFlag(manager, id);
}
