// Shift times are typed as a date and wall-clock times at the desk, and stored as instants. luxon does the
// conversion in the desk's zone, so the offset of the day itself applies, daylight-saving days included.
import { DateTime } from 'luxon';

export interface LocalShiftTimes {
  /** 'yyyy-MM-dd' */
  date: string;
  /** 'HH:mm' */
  startTime: string;
  endTime: string;
}

/** A wall-clock time on a date at the desk; null when the clocks skip it (e.g. 02:30 on the day they go forward). */
export function instantAt(date: string, time: string, zone: string): Date | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid || local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return null;
  return local.toJSDate();
}

/** The desk's local date of an instant, e.g. for the week it belongs to. */
export const localDate = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toISODate()!;

export const localWeek = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toFormat("kkkk-'W'WW");

/** The instants back as the date and times the person typed, to show a saved shift in its form. */
export function localTimes(startsAt: Date, endsAt: Date, zone: string): LocalShiftTimes {
  const start = DateTime.fromJSDate(startsAt, { zone });
  return { date: start.toISODate()!, startTime: start.toFormat('HH:mm'), endTime: DateTime.fromJSDate(endsAt, { zone }).toFormat('HH:mm') };
}
