import { NotFound } from './errors';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether text can be a row id: anything else cannot name a row, and PostgreSQL would refuse it as a uuid. */
export function isId(text: unknown): text is string {
  return typeof text === 'string' && uuidPattern.test(text);
}

/** An id from the address; anything that is not one is a page that does not exist (not a database error). */
export function idParam(value: unknown): string {
  if (!isId(value)) throw new NotFound();
  return value;
}
