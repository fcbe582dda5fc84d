// What a person's employment dates and absences allow on desks of one calendar, as week indices.
import { DateTime } from 'luxon';
import type { DeskCalendar } from './desk-calendar';
import type { IsoDate, PlannerPerson } from './types';
import { addDays } from './weeks';

export interface PersonDeskLimits {
  earliestStart: number; // first week whose first working day starts at or after the hire date began
  latestEnd: number; // last week whose last working day ends by the end of the termination date
  blockedWeeks: Uint8Array | null; // 1 = more than half of the desk's working days are absence days
}

/** Many people share a zone and a date, so the start-of-day instants are computed once each. */
export class DayStarts {
  private readonly cache = new Map<string, number>();

  startOf(zone: string, date: IsoDate): number {
    const key = `${zone}|${date}`;
    let millis = this.cache.get(key);
    if (millis === undefined) {
      millis = DateTime.fromISO(date, { zone }).toMillis();
      this.cache.set(key, millis);
    }
    return millis;
  }

  endOf(zone: string, date: IsoDate): number {
    return this.startOf(zone, addDays(date, 1));
  }
}

/**
 * Dates more than two days outside the calendar's weeks cannot change the answer whatever the zones, so most
 * people (hired long ago, absent at other times) need no time-zone work at all.
 */
export function personDeskLimits(person: PlannerPerson, calendar: DeskCalendar, window: CalendarWindow, dayStarts: DayStarts): PersonDeskLimits {
  const span = calendar.firstStart.length;
  const hireStart = hiredBefore(person, window) ? -Infinity : dayStarts.startOf(person.timeZone, person.hireDate);
  const earliestStart = firstIndexWhere(calendar.firstStart, (millis) => millis >= hireStart);
  const termination = person.terminationDate;
  const latestEnd =
    termination === null || termination > window.lastDate
      ? span - 1
      : firstIndexWhere(calendar.lastEnd, (millis) => millis > dayStarts.endOf(person.timeZone, termination)) - 1;
  const absences = absencesWithin(person, window);
  return { earliestStart, latestEnd, blockedWeeks: absenceBlockedWeeks(person.timeZone, absences, calendar, dayStarts) };
}

/** True for most people: employed throughout and never absent in the window, on every desk alike. */
export function isFreeThroughout(person: PlannerPerson, window: CalendarWindow): boolean {
  return (
    hiredBefore(person, window) &&
    (person.terminationDate === null || person.terminationDate > window.lastDate) &&
    absencesWithin(person, window).length === 0
  );
}

function hiredBefore(person: PlannerPerson, window: CalendarWindow): boolean {
  return person.hireDate < window.firstDate;
}

function absencesWithin(person: PlannerPerson, window: CalendarWindow): PlannerPerson['absences'] {
  return person.absences.filter((absence) => absence.from <= absence.to && absence.to >= window.firstDate && absence.from <= window.lastDate);
}

/** The calendar's first and last dates, widened by two days for zone differences and overnight shifts. */
export interface CalendarWindow {
  firstDate: IsoDate;
  lastDate: IsoDate;
}

function absenceBlockedWeeks(
  zone: string,
  absentDates: PlannerPerson['absences'],
  calendar: DeskCalendar,
  dayStarts: DayStarts,
): Uint8Array | null {
  if (absentDates.length === 0 || calendar.workingDays === 0) return null;
  const absences = absentDates.map((absence) => [dayStarts.startOf(zone, absence.from), dayStarts.endOf(zone, absence.to)] as const);
  const span = calendar.firstStart.length;
  const days = calendar.workingDays;
  let blocked: Uint8Array | null = null;
  for (const [from, to] of absences) {
    const firstWeek = firstIndexWhere(calendar.lastEnd, (millis) => millis > from);
    const lastWeek = firstIndexWhere(calendar.firstStart, (millis) => millis >= to) - 1;
    for (let week = firstWeek; week <= lastWeek && week < span; week++) {
      let absentDays = 0;
      for (let day = 0; day < days; day++) {
        const midpoint = calendar.midpoints[week * days + day];
        if (absences.some(([absentFrom, absentTo]) => midpoint >= absentFrom && midpoint < absentTo)) absentDays++;
      }
      if (absentDays * 2 > days) {
        blocked ??= new Uint8Array(span);
        blocked[week] = 1;
      }
    }
  }
  return blocked;
}

/** Binary search over a sorted array: the first index whose value satisfies a monotone predicate. */
function firstIndexWhere(sorted: Float64Array, predicate: (value: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}
