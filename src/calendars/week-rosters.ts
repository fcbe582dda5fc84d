// Who is on rotation in each week of a window, the rows of the department calendars; and the roster entry that the
// desk's pages list too.
import { weekNumber } from '../planner';
import { type CalendarAssignment, takesPlace } from './calendar-assignments';
import { dateRange } from './date-range';
import { type WeekWindow, weeksOf } from './week-window';

/** One person on a desk in one week, as the desk's calendar and its week rosters list them. */
export interface DeskRosterEntry {
  assignmentId: string;
  employeeName: string;
  departmentName: string;
  programmeName: string;
  /** 2 of 4: the entry's place in its assignment. */
  weekOfAssignment: string;
}

/** A department's calendar lists people at several desks, so its entries say which. */
export interface RosterEntry extends DeskRosterEntry {
  deskId: string;
  deskName: string;
}

/** "2 of 4": the place of the week numbered `week` in an assignment. */
export function weekOfAssignment(assignment: { firstWeek: string; weeks: number }, week: number): string {
  return `${week - weekNumber(assignment.firstWeek) + 1} of ${assignment.weeks}`;
}

export interface RosterWeek {
  label: string;
  dates: string;
  entries: RosterEntry[];
}

/** Deferred and cancelled assignments are left out: nobody is on the desk for them. */
export function rosterWeeks(window: WeekWindow, assignments: CalendarAssignment[]): RosterWeek[] {
  const byWeek = new Map<number, RosterEntry[]>(window.weeks.map((week) => [week.number, []]));
  for (const assignment of assignments.filter(takesPlace)) {
    for (const number of weeksOf(assignment)) {
      byWeek.get(number)?.push({
        assignmentId: assignment.id,
        employeeName: assignment.employeeName,
        departmentName: assignment.departmentName,
        programmeName: assignment.programmeName,
        deskId: assignment.deskId,
        deskName: assignment.deskName,
        weekOfAssignment: weekOfAssignment(assignment, number),
      });
    }
  }
  return window.weeks.map((week) => ({
    label: week.label,
    dates: dateRange(week.monday, week.sunday),
    entries: byWeek.get(week.number)!.sort((a, b) => a.employeeName.localeCompare(b.employeeName)),
  }));
}
