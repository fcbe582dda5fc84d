// The run of weeks a calendar page shows, from its address: ?from=2027-W05&weeks=8.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { RuleViolation } from '../http/errors';
import { weekLabel, weekNumber } from '../planner';
import { mondayOfWeek, sundayOfWeek } from '../planner/weeks';
import { blankAsNull, isoWeekField, wholeNumberField } from '../rotations/form-fields';
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
  // The last weeks of 9999 run into the year 10000, whose days neither PostgreSQL nor the pages can name.
  if (!/^\d{4}-/.test(window.period.to)) throw new RuleViolation('Choose an earlier first week: the calendar ends with the year 9999');
  return window;
}

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
