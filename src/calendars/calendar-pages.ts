// What each calendar page shows, read in the request's transaction.
import type { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { loadCalendarAssignments } from './calendar-assignments';
import { type FeedState, findFeed } from './calendar-feeds';
import { dateRange } from './date-range';
import { type CalendarDesk, deskCapacities, findCalendarDesk } from './desk-capacity';
import { type DeskRosterPage, type DeskWeekLoad, deskRosterEntries, deskRosterPage, deskWeekLoads, namesListedUpTo } from './desk-rosters';
import { type MyRotations, myRotations } from './my-rotations';
import { type ProgrammeTimeline, programmeTimeline } from './programme-timeline';
import { type DeskRosterEntry, type RosterWeek, rosterWeeks } from './week-rosters';
import { type CalendarWeek, type WeekWindow, calendarWeek, isCalendarWeek } from './week-window';

export interface MyRotationsPage extends MyRotations {
  feed: FeedState | null;
}

export async function loadMyRotations(manager: EntityManager, employeeId: string, now: DateTime): Promise<MyRotationsPage> {
  const assignments = await loadCalendarAssignments(manager, { employeeId });
  return { ...myRotations(assignments, now), feed: await findFeed(manager, { kind: 'employee', id: employeeId }) };
}

export interface DeskCalendarWeek extends DeskWeekLoad {
  dates: string;
  /** Everyone on the desk that week, alphabetically; null when there are too many to list (see the week's roster). */
  entries: DeskRosterEntry[] | null;
}

export interface DeskCalendarPage {
  desk: CalendarDesk;
  weeks: DeskCalendarWeek[];
  feed: FeedState | null;
}

export async function loadDeskCalendar(manager: EntityManager, deskId: string, window: WeekWindow): Promise<DeskCalendarPage> {
  const desk = await findCalendarDesk(manager, deskId);
  const loads = await deskWeekLoads(manager, deskId, window.weeks);
  const listed = window.weeks.filter((_, index) => loads[index].people > 0 && loads[index].people <= namesListedUpTo);
  const entries = await deskRosterEntries(manager, deskId, listed);
  return {
    desk,
    weeks: window.weeks.map((week, index) => ({
      ...loads[index],
      dates: dateRange(week.monday, week.sunday),
      entries: loads[index].people === 0 ? [] : (entries.get(week.label) ?? null),
    })),
    feed: await findFeed(manager, { kind: 'desk', id: deskId }),
  };
}

export interface DeskWeekRosterPage extends DeskRosterPage, DeskWeekLoad {
  desk: CalendarDesk;
  week: CalendarWeek;
  dates: string;
  /** The weeks before and after, for links to their rosters; null past the ends of the calendar. */
  previousWeek: string | null;
  nextWeek: string | null;
}

export async function loadDeskWeekRoster(manager: EntityManager, deskId: string, week: CalendarWeek, after: unknown): Promise<DeskWeekRosterPage> {
  const desk = await findCalendarDesk(manager, deskId);
  const [load] = await deskWeekLoads(manager, deskId, [week]);
  const page = await deskRosterPage(manager, deskId, week, after);
  return {
    desk,
    week,
    dates: dateRange(week.monday, week.sunday),
    ...load,
    ...page,
    previousWeek: showableWeekLabel(week.number - 1),
    nextWeek: showableWeekLabel(week.number + 1),
  };
}

const showableWeekLabel = (number: number) => (isCalendarWeek(number) ? calendarWeek(number).label : null);

export interface DepartmentCalendar {
  id: string;
  name: string;
  weeks: RosterWeek[];
  feed: FeedState | null;
}

/** One calendar per department, in the order of their names; NotFound when a department does not exist. */
export async function loadDepartmentCalendars(manager: EntityManager, departmentIds: string[], window: WeekWindow): Promise<DepartmentCalendar[]> {
  const departments: { id: string; name: string }[] = await manager.query(
    `SELECT id, name FROM departments WHERE id = ANY($1::uuid[]) ORDER BY lower(name), id`,
    [departmentIds],
  );
  if (departments.length !== new Set(departmentIds).size) throw new NotFound('There is no such department.');
  const assignments = await loadCalendarAssignments(manager, { departmentIds }, window.period);
  const calendars: DepartmentCalendar[] = [];
  for (const department of departments) {
    calendars.push({
      ...department,
      weeks: rosterWeeks(window, assignments.filter((assignment) => assignment.departmentId === department.id)),
      feed: await findFeed(manager, { kind: 'department', id: department.id }),
    });
  }
  return calendars;
}

export interface TimelinePage extends ProgrammeTimeline {
  departments: { id: string; name: string }[];
}

export async function loadProgrammeTimeline(manager: EntityManager, window: WeekWindow): Promise<TimelinePage> {
  const assignments = await loadCalendarAssignments(manager, { everyone: true }, window.period);
  const deskIds = [...new Set(assignments.map((assignment) => assignment.deskId))];
  const capacity = await deskCapacities(manager, deskIds, window.weeks.map((week) => week.label));
  const departments: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM departments ORDER BY lower(name), id`);
  return { ...programmeTimeline(window, assignments, capacity), departments };
}
