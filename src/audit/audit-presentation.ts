// How the audit log page shows an entry: a readable time, and each changed field with its old and new value.
import { DateTime } from 'luxon';

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

/** UTC, named as such: the log has one clock for everyone reading it. */
export function formatWhen(occurredAt: Date): string {
  return DateTime.fromJSDate(occurredAt, { zone: 'utc' }).toFormat("d LLL yyyy, HH:mm:ss 'UTC'");
}

const fieldName = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(', ') : '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function changeRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangeRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((key) => ({
    field: fieldName(key),
    before: before && key in before ? formatValue(before[key]) : '—',
    after: after && key in after ? formatValue(after[key]) : '—',
  }));
}
