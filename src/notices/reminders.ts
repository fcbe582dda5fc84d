// Reminders before a rotation: N days before its first shift (N is an organisation setting) and the evening
// before it, in the employee's own time zone. Each is queued once, however often and wherever the job runs.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { sessionOn, workingDays, type WorkingSession } from '../calendars/working-sessions';
import { readSettings } from '../settings/settings.service';
import { describeHours, describeWeeks, longDate, type DeskDescription } from './notice-words';
import { queueNotices, type NoticeDraft } from './queue-notices';

/** Local time, in the employee's zone, at which reminders are due. */
const reminderHour = 9;
const eveningHour = 18;

/** Queues the reminders due at `now` for scheduled assignments; gives how many were new. */
export async function sendDueReminders(manager: EntityManager, now: DateTime): Promise<number> {
  const { reminderDaysBefore } = await readSettings(manager);
  const drafts: NoticeDraft[] = [];
  for (const rotation of await loadUpcomingRotations(manager, now, reminderDaysBefore)) {
    const [firstWorkingDay] = workingDays(rotation.startsOn, rotation.endsOn, rotation.desk, []);
    if (!firstWorkingDay) continue;
    const firstShift = sessionOn(firstWorkingDay, rotation.desk);
    if (now >= firstShift.start) continue;
    const firstDay = DateTime.fromISO(firstShift.date, { zone: rotation.employeeTimeZone });
    const eveningBefore = firstDay.minus({ days: 1 }).set({ hour: eveningHour });
    const daysBefore = firstDay.minus({ days: reminderDaysBefore }).set({ hour: reminderHour });
    // Once the evening reminder is due it says everything the earlier one would, so a late rotation gets one message.
    if (now >= eveningBefore) drafts.push(eveningReminder(rotation, firstShift));
    else if (now >= daysBefore) drafts.push(daysBeforeReminder(rotation, firstShift, now));
  }
  return queueNotices(manager, drafts);
}

interface UpcomingRotation {
  id: string;
  employeeId: string;
  employeeName: string;
  email: string;
  employeeTimeZone: string;
  programmeName: string;
  desk: DeskDescription;
  firstWeek: string;
  weeks: number;
  startsOn: string;
  endsOn: string;
}

function daysBeforeReminder(rotation: UpcomingRotation, firstShift: WorkingSession, now: DateTime): NoticeDraft {
  const today = now.setZone(rotation.employeeTimeZone).startOf('day');
  const days = Math.round(DateTime.fromISO(firstShift.date, { zone: rotation.employeeTimeZone }).diff(today, 'days').days);
  return {
    kind: 'reminder',
    dedupeKey: `reminder:${rotation.id}:${rotation.employeeId}:${firstShift.date}`,
    assignmentId: rotation.id,
    employeeId: rotation.employeeId,
    employeeName: rotation.employeeName,
    to: rotation.email,
    subject: `Reminder: your support rotation on ${rotation.desk.name} starts on ${longDate(firstShift.date)}`,
    body: [
      `Hello ${rotation.employeeName},`,
      `Your rotation (${rotation.programmeName}) starts on ${longDate(firstShift.date)}, ${days === 1 ? 'tomorrow' : `in ${days} days`}.`,
      [`Desk: ${rotation.desk.name}`, `Weeks: ${describeWeeks(rotation.firstWeek, rotation.weeks)}`, `Hours: ${describeHours(rotation.desk)}`].join('\n'),
      'The attached calendar file (rotation.ics) has all your shifts.\n',
    ].join('\n\n'),
  };
}

function eveningReminder(rotation: UpcomingRotation, firstShift: WorkingSession): NoticeDraft {
  const { desk } = rotation;
  const yours = firstShift.start.setZone(rotation.employeeTimeZone);
  const yourHours =
    yours.offset === firstShift.start.offset
      ? ''
      : ` (${yours.toFormat('HH:mm')}-${firstShift.end.setZone(rotation.employeeTimeZone).toFormat('HH:mm')} your time, ${rotation.employeeTimeZone})`;
  return {
    kind: 'eve-of-first-shift',
    dedupeKey: `eve-of-first-shift:${rotation.id}:${rotation.employeeId}:${firstShift.date}`,
    assignmentId: rotation.id,
    employeeId: rotation.employeeId,
    employeeName: rotation.employeeName,
    to: rotation.email,
    subject: `Tomorrow: your first shift on ${desk.name}, ${desk.startTime}-${desk.endTime}`,
    body: [
      `Hello ${rotation.employeeName},`,
      `Your rotation (${rotation.programmeName}) begins with your first shift on ${desk.name} on ${longDate(firstShift.date)}, ` +
        `${desk.startTime}-${desk.endTime} ${desk.timeZone} time${yourHours}.`,
      [`Weeks: ${describeWeeks(rotation.firstWeek, rotation.weeks)}`, `Hours: ${describeHours(desk)}`].join('\n'),
      'The attached calendar file (rotation.ics) has all your shifts.\n',
    ].join('\n\n'),
  };
}

/**
 * Scheduled assignments whose reminders may be due around `now`: a rotation's first shift falls in its first
 * week, and reminders come at most `daysBefore` days (plus a day of time-zone slack) before it.
 */
async function loadUpcomingRotations(manager: EntityManager, now: DateTime, daysBefore: number): Promise<UpcomingRotation[]> {
  const rows: (Omit<UpcomingRotation, 'desk'> & { deskName: string; deskTimeZone: string; workingDays: number[]; startTime: string; endTime: string })[] =
    await manager.query(
      `SELECT a.id, a.employee_id AS "employeeId", e.full_name AS "employeeName", e.email, es.time_zone AS "employeeTimeZone",
              p.name AS "programmeName", d.name AS "deskName", ds.time_zone AS "deskTimeZone", d.working_days AS "workingDays",
              to_char(d.start_time, 'HH24:MI') AS "startTime", to_char(d.end_time, 'HH24:MI') AS "endTime",
              a.first_week AS "firstWeek", a.weeks,
              to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn"
         FROM assignments a
         JOIN employees e ON e.id = a.employee_id
         JOIN sites es ON es.id = e.site_id
         JOIN programmes p ON p.id = a.programme_id
         JOIN desks d ON d.id = a.desk_id
         JOIN sites ds ON ds.id = d.site_id
        WHERE a.status = 'scheduled'
          AND a.starts_on BETWEEN $1::date - 8 AND $1::date + $2::int + 2
        ORDER BY a.starts_on, a.id`,
      [now.toUTC().toISODate(), daysBefore],
    );
  return rows.map(({ deskName, deskTimeZone, workingDays, startTime, endTime, ...rotation }) => ({
    ...rotation,
    desk: { name: deskName, timeZone: deskTimeZone, workingDays, startTime, endTime },
  }));
}
