// HR's quarter at a glance: for each programme and desk, how many people are on rotation each week.
import { type AssignmentStatus, type CalendarAssignment, takesPlace } from './calendar-assignments';
import type { CalendarWeek, WeekWindow } from './week-window';
import { calendarWeek, weeksOf } from './week-window';

export type Occupancy = 'empty' | 'open' | 'full' | 'over';

export interface TimelineCell {
  week: string;
  /** People of this row's programme on the desk. */
  count: number;
  /** People of every programme on the desk, against the desk's capacity. */
  deskCount: number;
  capacity: number;
  occupancy: Occupancy;
}

export interface TimelineRow {
  programmeName: string;
  deskId: string;
  deskName: string;
  cells: TimelineCell[];
}

export interface TimelineListEntry {
  employeeName: string;
  departmentName: string;
  programmeName: string;
  deskId: string;
  deskName: string;
  firstWeek: string;
  lastWeek: string;
  status: AssignmentStatus;
}

export interface ProgrammeTimeline {
  weeks: CalendarWeek[];
  rows: TimelineRow[];
  list: TimelineListEntry[];
  /** How many assignments the quarter holds; the list shows at most `listLimit` of them. */
  assignmentCount: number;
}

export const listLimit = 500;

/**
 * Capacity is the desk's, shared by every programme on it, so a row is "full" when the desk is, whichever
 * programme filled it.
 */
export function programmeTimeline(window: WeekWindow, assignments: CalendarAssignment[], capacity: (deskId: string, week: string) => number): ProgrammeTimeline {
  const deskCounts = new Map<string, number>();
  const rows = new Map<string, { row: TimelineRow; counts: Map<number, number> }>();
  const inWindow = new Set(window.weeks.map((week) => week.number));
  for (const assignment of assignments.filter(takesPlace)) {
    const key = `${assignment.programmeName}\u0000${assignment.deskName}\u0000${assignment.programmeId}\u0000${assignment.deskId}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = { row: { programmeName: assignment.programmeName, deskId: assignment.deskId, deskName: assignment.deskName, cells: [] }, counts: new Map() };
      rows.set(key, entry);
    }
    for (const number of weeksOf(assignment).filter((week) => inWindow.has(week))) {
      entry.counts.set(number, (entry.counts.get(number) ?? 0) + 1);
      const deskWeek = `${assignment.deskId}|${number}`;
      deskCounts.set(deskWeek, (deskCounts.get(deskWeek) ?? 0) + 1);
    }
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry);
  for (const { row, counts } of ordered) {
    row.cells = window.weeks.map((week) => {
      const count = counts.get(week.number) ?? 0;
      const deskCount = deskCounts.get(`${row.deskId}|${week.number}`) ?? 0;
      const weekCapacity = capacity(row.deskId, week.label);
      return { week: week.label, count, deskCount, capacity: weekCapacity, occupancy: occupancyOf(count, deskCount, weekCapacity) };
    });
  }
  return {
    weeks: window.weeks,
    rows: ordered.map(({ row }) => row),
    list: assignments.slice(0, listLimit).map((assignment) => {
      const weeks = weeksOf(assignment);
      return {
        employeeName: assignment.employeeName,
        departmentName: assignment.departmentName,
        programmeName: assignment.programmeName,
        deskId: assignment.deskId,
        deskName: assignment.deskName,
        firstWeek: assignment.firstWeek,
        lastWeek: calendarWeek(weeks[weeks.length - 1]).label,
        status: assignment.status,
      };
    }),
    assignmentCount: assignments.length,
  };
}

function occupancyOf(count: number, deskCount: number, capacity: number): Occupancy {
  if (count === 0) return 'empty';
  if (deskCount > capacity) return 'over';
  return deskCount === capacity ? 'full' : 'open';
}
