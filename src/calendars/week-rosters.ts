// Who is on rotation in each week of a window: the rows of the desk and department calendars.
import { type CalendarAssignment, takesPlace } from './calendar-assignments';
import { dateRange } from './date-range';
import { type WeekWindow, weeksOf } from './week-window';

export interface RosterEntry {
  assignmentId: string;
  employeeName: string;
  departmentName: string;
  programmeName: string;
  deskId: string;
  deskName: string;
  /** 2 of 4: the entry's place in its assignment. */
  weekOfAssignment: string;
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
    weeksOf(assignment).forEach((number, index) => {
      byWeek.get(number)?.push({
        assignmentId: assignment.id,
        employeeName: assignment.employeeName,
        departmentName: assignment.departmentName,
        programmeName: assignment.programmeName,
        deskId: assignment.deskId,
        deskName: assignment.deskName,
        weekOfAssignment: `${index + 1} of ${assignment.weeks}`,
      });
    });
  }
  return window.weeks.map((week) => ({
    label: week.label,
    dates: dateRange(week.monday, week.sunday),
    entries: byWeek.get(week.number)!.sort((a, b) => a.employeeName.localeCompare(b.employeeName)),
  }));
}
