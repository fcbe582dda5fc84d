// ISO week labels as plain integers (weeks since 1970-W01) and calendar-date arithmetic, shared by planner and checker.
import { DateTime } from 'luxon';
import type { IsoDate, IsoWeek } from './types';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
// Monday 1969-12-29 begins ISO week 1970-W01.
const FIRST_MONDAY_MS = DateTime.fromISO('1970-W01-1', { zone: 'utc' }).toMillis();

const numberByLabel = new Map<IsoWeek, number>();
const labelByNumber = new Map<number, IsoWeek>();

export function weekNumber(week: IsoWeek): number {
  let cached = numberByLabel.get(week);
  if (cached === undefined) {
    const monday = DateTime.fromISO(`${week}-1`, { zone: 'utc' });
    if (!monday.isValid) throw new Error(`Not an ISO week: ${week}`);
    cached = Math.round((monday.toMillis() - FIRST_MONDAY_MS) / WEEK_MS);
    numberByLabel.set(week, cached);
  }
  return cached;
}

export function weekLabel(week: number): IsoWeek {
  let cached = labelByNumber.get(week);
  if (cached === undefined) {
    cached = DateTime.fromMillis(FIRST_MONDAY_MS + week * WEEK_MS, { zone: 'utc' }).toFormat("kkkk-'W'WW");
    labelByNumber.set(week, cached);
  }
  return cached;
}

export function weekOfDate(date: IsoDate): number {
  return remember(`week|${date}`, () => Math.floor((DateTime.fromISO(date, { zone: 'utc' }).toMillis() - FIRST_MONDAY_MS) / WEEK_MS));
}

export function mondayOfWeek(week: number): IsoDate {
  return remember(`monday|${week}`, () => DateTime.fromMillis(FIRST_MONDAY_MS + week * WEEK_MS, { zone: 'utc' }).toISODate()!);
}

export function sundayOfWeek(week: number): IsoDate {
  return remember(`sunday|${week}`, () => DateTime.fromMillis(FIRST_MONDAY_MS + week * WEEK_MS + 6 * DAY_MS, { zone: 'utc' }).toISODate()!);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return remember(`months|${date}|${months}`, () => DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate()!);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return remember(`days|${date}|${days}`, () => DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!);
}

// A company's dates repeat a lot (hire dates, rotation ends), and luxon parsing dominates large plans otherwise.
const remembered = new Map<string, string | number>();

function remember<T extends string | number>(key: string, compute: () => T): T {
  let value = remembered.get(key) as T | undefined;
  if (value === undefined) {
    value = compute();
    if (remembered.size > 200_000) remembered.clear();
    remembered.set(key, value);
  }
  return value;
}
