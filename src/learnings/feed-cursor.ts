// Where the next page of the feed starts: the sort values of the last row shown (keyset paging), so any page costs
// what the first does. The values travel in the address as base64url JSON and are checked before they reach SQL.
import { DateTime } from 'luxon';
import { z } from 'zod';

export type CursorValueType = 'timestamptz' | 'uuid' | 'int' | 'real';

const valueChecks: Record<CursorValueType, (value: string) => boolean> = {
  timestamptz: (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && DateTime.fromISO(value).isValid,
  uuid: (value) => z.guid().safeParse(value).success,
  int: (value) => /^-?\d{1,9}$/.test(value),
  real: (value) => /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value) && Number.isFinite(Number(value)),
};

export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values of a cursor made for these types, or null for a missing or tampered one (the first page). */
export function decodeCursor(cursor: unknown, types: CursorValueType[]): string[] | null {
  if (typeof cursor !== 'string' || cursor.length > 400) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length !== types.length) return null;
  return values.every((value, index) => typeof value === 'string' && valueChecks[types[index]](value)) ? (values as string[]) : null;
}
