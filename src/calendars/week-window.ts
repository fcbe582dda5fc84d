// The run of weeks a calendar page shows, from its address: ?from=2027-W05&weeks=8.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { RuleViolation } from '../http/errors';
import { weekLabel, weekNumber } from '../planner';
import { mondayOfWeek, sundayOfWeek } from '../planner/weeks';
import { blankAsNull, isIsoWeek, isoWeekField, wholeNumberField } from '../rotations/form-fields';
import { parseForm } from '../http/validation';
import type { Period } from './calendar-assignments';

export interface CalendarWeek {
  label: string;
  number: number;
  monday: string;
  sunday: string;
}

export interface WeekWindow {
  weeks: CalendarWeek[];
  period: Period;
  /** The same number of weeks before and after, for the page's navigation. */
  previousFrom: string;
  nextFrom: string;
  count: number;
}

const maxWeeks = 26;

const windowQuery = z.object({
  from: blankAsNull(isoWeekField('the first week')),
  weeks: blankAsNull(wholeNumberField('the number of weeks', 1, maxWeeks)),
});

/** Throws RuleViolation naming the wrong value; a missing value takes its default (this week; `defaultCount`). */
export function weekWindowOf(query: unknown, defaultCount: number, today: DateTime = DateTime.utc()): WeekWindow {
  const parsed = parseForm(windowQuery, query);
  if (!parsed.ok) throw new RuleViolation(Object.values(parsed.errors).join('. '));
  const first = weekNumber(parsed.data.from ?? today.toFormat("kkkk-'W'WW"));
  const window = weekWindow(first, parsed.data.weeks ?? defaultCount);
  if (!isNameableDate(window.period.to)) throw new RuleViolation(pastTheCalendar('first week'));
  return window;
}

const weekParameter = z.object({ week: isoWeekField('the week') });

/** The week an address names (2027-W05); throws RuleViolation, as weekWindowOf does, for anything else. */
export function calendarWeekOf(text: unknown): CalendarWeek {
  const parsed = parseForm(weekParameter, { week: text });
  if (!parsed.ok) throw new RuleViolation(Object.values(parsed.errors).join('. '));
  const week = calendarWeek(weekNumber(parsed.data.week));
  if (!isNameableDate(week.sunday)) throw new RuleViolation(pastTheCalendar('week'));
  return week;
}

/** Whether calendarWeekOf accepts the week numbered so: a page links to no week it would refuse. */
export function isCalendarWeek(number: number): boolean {
  const week = calendarWeek(number);
  return isIsoWeek(week.label) && isNameableDate(week.sunday);
}

// The last weeks of 9999 run into the year 10000, whose days neither PostgreSQL nor the pages can name.
const pastTheCalendar = (what: string) => `Choose an earlier ${what}: the calendar ends with the year 9999`;
const isNameableDate = (date: string) => /^\d{4}-/.test(date);

export function weekWindow(first: number, count: number): WeekWindow {
  const weeks = Array.from({ length: count }, (_, index) => calendarWeek(first + index));
  return {
    weeks,
    period: { from: weeks[0].monday, to: weeks[weeks.length - 1].sunday },
    previousFrom: weekLabel(first - count),
    nextFrom: weekLabel(first + count),
    count,
  };
}

export function calendarWeek(number: number): CalendarWeek {
  return { label: weekLabel(number), number, monday: mondayOfWeek(number), sunday: sundayOfWeek(number) };
}

/** The week numbers an assignment covers. */
export function weeksOf(assignment: { firstWeek: string; weeks: number }): number[] {
  const first = weekNumber(assignment.firstWeek);
  return Array.from({ length: assignment.weeks }, (_, index) => first + index);
}
