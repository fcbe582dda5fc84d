import { DateTime } from 'luxon';

/** Two dates as people read them: "29 Mar – 4 Apr 2027", with the year twice only when it differs. */
export function dateRange(from: string, to: string): string {
  const start = DateTime.fromISO(from);
  const end = DateTime.fromISO(to);
  return start.year === end.year
    ? `${start.toFormat('d LLL')} – ${end.toFormat('d LLL yyyy')}`
    : `${start.toFormat('d LLL yyyy')} – ${end.toFormat('d LLL yyyy')}`;
}
