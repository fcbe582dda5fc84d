// Tells employees when their rotation is published, changed or cancelled: called by the schedule's own
// transactions, so a change and the notice about it are saved together or not at all.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { describeHours, describePlace, describeWeeks, weekRange, type DeskDescription, type PlaceDescription } from './notice-words';
import { queueNotices, type NoticeDraft } from './queue-notices';

export interface AssignmentPlace {
  deskId: string;
  firstWeek: string;
  weeks: number;
}

export interface ScheduleEvent {
  kind: 'published' | 'changed' | 'cancelled';
  assignmentId: string;
  employeeId: string;
  before: AssignmentPlace | null;
  after: AssignmentPlace | null;
  reason?: string;
}

/**
 * One notice with the assignment's .ics per event, to the event's employee. Call it after saving the change:
 * the notice names the assignment's version, so the same event told twice is queued once.
 */
export async function queueScheduleNotices(manager: EntityManager, events: ScheduleEvent[]): Promise<void> {
  if (!events.length) return;
  const assignments = await loadAssignments(manager, events.map((event) => event.assignmentId));
  const employees = await loadEmployees(manager, events.map((event) => event.employeeId));
  const deskIds = [...assignments.values()].map((assignment) => assignment.deskId);
  for (const event of events) deskIds.push(...[event.before?.deskId, event.after?.deskId].filter((id) => id !== undefined));
  const desks = await loadDesks(manager, deskIds);

  const drafts = events.map((event): NoticeDraft => {
    const assignment = assignments.get(event.assignmentId);
    const employee = employees.get(event.employeeId);
    if (!assignment || !employee) throw new NotFound('There is no such assignment or employee to tell.');
    const describe = (place: AssignmentPlace): PlaceDescription => {
      const desk = desks.get(place.deskId);
      if (!desk) throw new NotFound('There is no such desk.');
      return { desk, firstWeek: place.firstWeek, weeks: place.weeks };
    };
    const current: AssignmentPlace = { deskId: assignment.deskId, firstWeek: assignment.firstWeek, weeks: assignment.weeks };
    const words = noticeWords(event, employee.fullName, assignment.programmeName, {
      before: event.before && describe(event.before),
      now: describe(event.kind === 'cancelled' ? (event.before ?? current) : (event.after ?? current)),
    });
    return {
      kind: event.kind,
      dedupeKey: `${event.kind}:${event.assignmentId}:${event.employeeId}:v${assignment.version}`,
      assignmentId: event.assignmentId,
      employeeId: event.employeeId,
      employeeName: employee.fullName,
      to: employee.email,
      ...words,
    };
  });
  await queueNotices(manager, drafts);
}

interface Places {
  before: PlaceDescription | null;
  /** Where the rotation is after the event; for a cancellation, where it was. */
  now: PlaceDescription;
}

function noticeWords(event: ScheduleEvent, name: string, programme: string, places: Places): { subject: string; body: string } {
  const { desk } = places.now;
  const weeks = weekRange(places.now.firstWeek, places.now.weeks);
  const reason = event.reason?.trim() ? [`Reason: ${event.reason.trim()}`] : [];
  const lines = (...paragraphs: string[][]) => [`Hello ${name},`, ...paragraphs.map((paragraph) => paragraph.join('\n'))].join('\n\n') + '\n';
  switch (event.kind) {
    case 'published':
      return {
        subject: `Your support rotation: ${desk.name}, ${weeks}`,
        body: lines(
          [`You are scheduled for ${programme} on the ${desk.name} support desk.`],
          [`Desk: ${desk.name}`, `Weeks: ${describeWeeks(places.now.firstWeek, places.now.weeks)}`, `Hours: ${describeHours(desk)}`],
          ['The attached calendar file (rotation.ics) adds your shifts to your calendar.'],
        ),
      };
    case 'changed':
      return {
        subject: `Your support rotation has changed: now ${desk.name}, ${weeks}`,
        body: lines(
          [`Your rotation (${programme}) has changed.`],
          [`Before: ${places.before ? describePlace(places.before) : 'not scheduled'}`, `After: ${describePlace(places.now)}`, ...reason],
          [`Hours at ${desk.name}: ${describeHours(desk)}`],
          ['The attached calendar file (rotation.ics) updates the shifts in your calendar.'],
        ),
      };
    case 'cancelled':
      return {
        subject: `Your support rotation is cancelled: ${desk.name}, ${weeks}`,
        body: lines(
          [`Your rotation (${programme}) on ${describePlace(places.now)} is cancelled.`, ...reason],
          ['The attached calendar file (rotation.ics) removes these shifts from your calendar.'],
        ),
      };
  }
}

interface AssignmentFacts {
  deskId: string;
  firstWeek: string;
  weeks: number;
  version: number;
  programmeName: string;
}

async function loadAssignments(manager: EntityManager, ids: string[]): Promise<Map<string, AssignmentFacts>> {
  const rows: (AssignmentFacts & { id: string })[] = await manager.query(
    `SELECT a.id, a.desk_id AS "deskId", a.first_week AS "firstWeek", a.weeks, a.version, p.name AS "programmeName"
       FROM assignments a JOIN programmes p ON p.id = a.programme_id
      WHERE a.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadEmployees(manager: EntityManager, ids: string[]): Promise<Map<string, { fullName: string; email: string }>> {
  const rows: { id: string; fullName: string; email: string }[] = await manager.query(
    `SELECT id, full_name AS "fullName", email FROM employees WHERE id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadDesks(manager: EntityManager, ids: string[]): Promise<Map<string, DeskDescription>> {
  const rows: (DeskDescription & { id: string })[] = await manager.query(
    `SELECT d.id, d.name, s.time_zone AS "timeZone", d.working_days AS "workingDays",
            to_char(d.start_time, 'HH24:MI') AS "startTime", to_char(d.end_time, 'HH24:MI') AS "endTime"
       FROM desks d JOIN sites s ON s.id = d.site_id
      WHERE d.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
