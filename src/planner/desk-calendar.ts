// A desk's working hours as instants, precomputed once per (zone, pattern) for every week the planner looks at,
// so the hot loops compare numbers instead of doing time-zone arithmetic.
import { DateTime, IANAZone } from 'luxon';
import type { PlannerDesk } from './types';
import { addDays, mondayOfWeek } from './weeks';

export interface DeskCalendar {
  workingDays: number; // per week
  firstStart: Float64Array; // per week: start of the first working day (epoch ms)
  lastEnd: Float64Array; // per week: end of the last working day
  midpoints: Float64Array; // [week * workingDays + day]: middle of each working day's hours
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export function workingDays(desk: PlannerDesk): number[] {
  return [...new Set(desk.pattern.days)].filter((day) => day >= 1 && day <= 7).sort((a, b) => a - b);
}

export function calendarKey(desk: PlannerDesk): string {
  const { start, end } = desk.pattern;
  return `${desk.timeZone}|${workingDays(desk).join(',')}|${start}|${end}`;
}

/** Weeks are counted from firstWeek (a week number); a desk without working days gets an empty calendar. */
export function buildDeskCalendar(desk: PlannerDesk, firstWeek: number, span: number): DeskCalendar {
  const days = workingDays(desk);
  const startMinute = minutesOf(desk.pattern.start);
  let endMinute = minutesOf(desk.pattern.end);
  if (endMinute <= startMinute) endMinute += 24 * 60; // the shift ends the next day
  const zone = IANAZone.create(desk.timeZone);
  const calendar: DeskCalendar = {
    workingDays: days.length,
    firstStart: new Float64Array(span),
    lastEnd: new Float64Array(span),
    midpoints: new Float64Array(span * days.length),
  };
  for (let week = 0; week < span; week++) {
    const monday = mondayOfWeek(firstWeek + week);
    // Wall-clock times written as if they were UTC; subtracting the zone's offset turns them into instants.
    const mondayWallClock = DateTime.fromISO(monday, { zone: 'utc' }).toMillis();
    const offsetBefore = zone.offset(mondayWallClock - DAY_MS);
    // Offsets change at most once in such a span; when the week has no change one subtraction is exact, and a
    // week with a change (DST) goes through luxon day by day.
    const steadyOffset = offsetBefore === zone.offset(mondayWallClock + 9 * DAY_MS);
    days.forEach((day, i) => {
      const dayWallClock = mondayWallClock + (day - 1) * DAY_MS;
      const [startMs, endMs] = steadyOffset
        ? [dayWallClock + (startMinute - offsetBefore) * MINUTE_MS, dayWallClock + (endMinute - offsetBefore) * MINUTE_MS]
        : [instantOf(addDays(monday, day - 1), startMinute, desk.timeZone), instantOf(addDays(monday, day - 1), endMinute, desk.timeZone)];
      if (i === 0) calendar.firstStart[week] = startMs;
      if (i === days.length - 1) calendar.lastEnd[week] = endMs;
      calendar.midpoints[week * days.length + i] = (startMs + endMs) / 2;
    });
  }
  return calendar;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function instantOf(date: string, minuteOfDay: number, zone: string): number {
  const day = minuteOfDay >= 24 * 60 ? addDays(date, 1) : date;
  const minute = minuteOfDay % (24 * 60);
  const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return DateTime.fromISO(`${day}T${time}`, { zone }).toMillis();
}
