// What each calendar page shows, read in the request's transaction.
import type { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { loadCalendarAssignments } from './calendar-assignments';
import { type FeedState, findFeed } from './calendar-feeds';
import { type CalendarDesk, deskCapacities, findCalendarDesk } from './desk-capacity';
import { type MyRotations, myRotations } from './my-rotations';
import { type ProgrammeTimeline, programmeTimeline } from './programme-timeline';
import { type RosterWeek, rosterWeeks } from './week-rosters';
import type { WeekWindow } from './week-window';

export interface MyRotationsPage extends MyRotations {
  feed: FeedState | null;
}

export async function loadMyRotations(manager: EntityManager, employeeId: string, now: DateTime): Promise<MyRotationsPage> {
  const assignments = await loadCalendarAssignments(manager, { employeeId });
  return { ...myRotations(assignments, now), feed: await findFeed(manager, { kind: 'employee', id: employeeId }) };
}

export interface DeskCalendarPage {
  desk: CalendarDesk;
  weeks: (RosterWeek & { capacity: number })[];
  feed: FeedState | null;
}

export async function loadDeskCalendar(manager: EntityManager, deskId: string, window: WeekWindow): Promise<DeskCalendarPage> {
  const desk = await findCalendarDesk(manager, deskId);
  const assignments = await loadCalendarAssignments(manager, { deskId }, window.period);
  const capacity = await deskCapacities(manager, [deskId], window.weeks.map((week) => week.label));
  return {
    desk,
    weeks: rosterWeeks(window, assignments).map((week) => ({ ...week, capacity: capacity(deskId, week.label) })),
    feed: await findFeed(manager, { kind: 'desk', id: deskId }),
  };
}

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
