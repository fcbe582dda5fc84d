// The calendar dates an assignment's ISO weeks cover, and the week a date falls in.
import { DateTime } from 'luxon';
import type { IsoDate, IsoWeek } from '../planner';

/** Monday of the first week to Sunday of the last, as ISO dates. */
export function weekDates(firstWeek: IsoWeek, weeks: number): { startsOn: IsoDate; endsOn: IsoDate } {
  const monday = DateTime.fromISO(`${firstWeek}-1`, { zone: 'utc' });
  return { startsOn: monday.toISODate()!, endsOn: monday.plus({ weeks }).minus({ days: 1 }).toISODate()! };
}

export function weekOf(date: IsoDate): IsoWeek {
  return DateTime.fromISO(date, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}
