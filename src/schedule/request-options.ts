// What an employee may ask for: their upcoming rotations, the weeks and desks their rotation could legally move
// to, and the colleagues' rotations it could legally be swapped with, each worked out with the checker.
import type { EntityManager } from 'typeorm';
import { Forbidden, RuleViolation } from '../http/errors';
import type { AssignmentBlock, IsoDate } from '../planner';
import { containsPattern } from '../people/like-pattern';
import { blockOf, findAssignment, placeOf, type Assignment } from './assignment-store';
import { openRequestStatuses } from './request-closing';
import { changeableWeeks, firstChangeableWeek, type ScheduleChecker } from './schedule-check';
import { weekDates } from './week-dates';

export interface UpcomingAssignment {
  id: string;
  programmeName: string;
  deskName: string;
  firstWeek: string;
  weeks: number;
  startsOn: string;
  endsOn: string;
  status: 'scheduled' | 'in-progress';
  /** Scheduled, not yet begun, and with no request open: the employee may ask to move or swap it. */
  changeable: boolean;
  openRequest: boolean;
}

export async function upcomingAssignmentsOf(manager: EntityManager, employeeId: string, today: IsoDate): Promise<UpcomingAssignment[]> {
  const rows: Omit<UpcomingAssignment, 'changeable'>[] = await manager.query(
    `SELECT a.id, p.name AS "programmeName", d.name AS "deskName", a.first_week AS "firstWeek", a.weeks,
            to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn", a.status,
            EXISTS (SELECT 1 FROM assignment_requests r WHERE r.assignment_id = a.id AND r.status = ANY($3::text[])) AS "openRequest"
       FROM assignments a JOIN programmes p ON p.id = a.programme_id JOIN desks d ON d.id = a.desk_id
      WHERE a.employee_id = $1 AND a.status IN ('scheduled', 'in-progress') AND a.ends_on >= $2
      ORDER BY a.starts_on, a.id`,
    [employeeId, today, openRequestStatuses],
  );
  const first = weekDates(firstChangeableWeek(today), 1).startsOn;
  return rows.map((row) => ({ ...row, changeable: row.status === 'scheduled' && row.startsOn >= first && !row.openRequest }));
}

/** The employee's own rotation, refused unless it is scheduled and has not begun. */
export async function ownChangeableAssignment(manager: EntityManager, employeeId: string, assignmentId: string, today: IsoDate): Promise<Assignment> {
  const assignment = await findAssignment(manager, assignmentId);
  if (assignment.employeeId !== employeeId) throw new Forbidden('This is not your rotation.');
  if (assignment.status !== 'scheduled' || assignment.startsOn < weekDates(firstChangeableWeek(today), 1).startsOn) {
    throw new RuleViolation('This rotation has begun or is no longer scheduled, so it cannot be moved or swapped.');
  }
  return assignment;
}

export interface MoveOption {
  deskId: string;
  deskName: string;
  weeks: string[];
}

/** Every desk and start week within the horizon the rotation could move to without breaking a rule. */
export function legalMoves(checker: ScheduleChecker, assignment: Assignment, today: IsoDate): MoveOption[] {
  const weeks = changeableWeeks(today);
  return checker.input.desks
    .map((desk) => ({
      deskId: desk.id,
      deskName: desk.name,
      weeks: weeks.filter((week) => {
        if (desk.id === assignment.deskId && week === assignment.firstWeek) return false;
        const moved = blockOf(assignment, { deskId: desk.id, firstWeek: week, weeks: assignment.weeks });
        return checker.check([moved], [assignment.id]).length === 0;
      }),
    }))
    .filter((option) => option.weeks.length > 0);
}

/** Each rotation takes the other's desk and weeks. */
export function swappedBlocks(mine: Assignment, theirs: Assignment): AssignmentBlock[] {
  return [blockOf(mine, placeOf(theirs)), blockOf(theirs, placeOf(mine))];
}

export interface SwapCandidate {
  assignmentId: string;
  version: number;
  employeeName: string;
  deskName: string;
  firstWeek: string;
  weeks: number;
}

const candidateLimit = 50;

/**
 * Colleagues' scheduled rotations in the same programme, not yet begun, optionally whose name or email contains
 * `search`: those a swap would leave legal, and how many of the others it would not.
 */
export async function swapCandidates(
  manager: EntityManager,
  checker: ScheduleChecker,
  assignment: Assignment,
  search: string | undefined,
  today: IsoDate,
): Promise<{ legal: SwapCandidate[]; illegal: number }> {
  const parameters: unknown[] = [assignment.programmeId, assignment.employeeId, weekDates(firstChangeableWeek(today), 1).startsOn];
  if (search) parameters.push(containsPattern(search));
  const ids: { id: string }[] = await manager.query(
    `SELECT a.id FROM assignments a JOIN employees e ON e.id = a.employee_id
      WHERE a.programme_id = $1 AND a.status = 'scheduled' AND a.employee_id <> $2 AND a.starts_on >= $3
        ${search ? 'AND (lower(e.full_name) LIKE $4 OR e.email LIKE $4)' : ''}
      ORDER BY a.starts_on, lower(e.full_name), a.id
      LIMIT ${candidateLimit}`,
    parameters,
  );
  const legal: SwapCandidate[] = [];
  for (const { id } of ids) {
    const theirs = await findAssignment(manager, id);
    if (checker.check(swappedBlocks(assignment, theirs), [assignment.id, theirs.id]).length) continue;
    legal.push({ assignmentId: id, version: theirs.version, employeeName: theirs.employeeName, deskName: theirs.deskName, firstWeek: theirs.firstWeek, weeks: theirs.weeks });
  }
  return { legal, illegal: ids.length - legal.length };
}
