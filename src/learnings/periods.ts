// The periods the learnings figures cover, as UTC days: an insight counts in the period of the UTC day it was written.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { IsoDate } from '../planner';

export interface Period {
  /** ISO dates, both ends included. */
  from: IsoDate;
  to: IsoDate;
  days: number;
}

export const defaultPeriodWeeks = 8;
/** Longer periods are cut to this, so that one page never reads years of insights. */
const longestPeriodDays = 366;

/** Midnight UTC at the start of `date`, `plusDays` later. */
export function utcDayStart(date: IsoDate, plusDays = 0): Date {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: plusDays }).toJSDate();
}

const day = (date: IsoDate) => DateTime.fromISO(date, { zone: 'utc' });

function periodOf(from: IsoDate, to: IsoDate): Period {
  return { from, to, days: Math.round(day(to).diff(day(from), 'days').days) + 1 };
}

/** The last `weeks` ISO weeks up to `today`: this week so far and the whole weeks before it. */
export function lastWeeks(today: IsoDate, weeks = defaultPeriodWeeks): Period {
  return periodOf(day(today).startOf('week').minus({ weeks: weeks - 1 }).toISODate()!, today);
}

/** The period of equal length just before. */
export function previousPeriod(period: Period): Period {
  return periodOf(day(period.from).minus({ days: period.days }).toISODate()!, day(period.from).minus({ days: 1 }).toISODate()!);
}

const isoDate = z.string().refine((text) => DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: 'utc' }).isValid);
const periodQuery = z.object({ from: isoDate.optional().catch(undefined), to: isoDate.optional().catch(undefined) });

/** ?from=&to= from the address; either missing or unusable gives the last eight weeks (or eight weeks ending at `to`). */
export function parsePeriod(query: unknown, today: IsoDate): Period {
  const { from, to } = periodQuery.parse(typeof query === 'object' && query ? query : {});
  const end = to ?? today;
  if (!from || from > end) return lastWeeks(end);
  const earliest = day(end).minus({ days: longestPeriodDays - 1 }).toISODate()!;
  return periodOf(from < earliest ? earliest : from, end);
}
