import { z } from 'zod';
import { NotFound } from '../http/errors';

const id = z.guid();

/** An id from the address; anything that is not one is a page that does not exist (not a database error). */
export function idParam(value: unknown): string {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}
