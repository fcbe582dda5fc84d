// Records every statement the app sends to PostgreSQL, whichever path sends it (TypeORM, the session store, raw pg),
// by wrapping pg's Client.query: the page-cost tests count them and the HTTP benchmark EXPLAINs them.
import { Client } from 'pg';

export interface RecordedQuery {
  text: string;
  values: unknown[];
}

type ClientQuery = (this: Client, ...args: unknown[]) => unknown;

/** Runs `action` and returns what it returned with the statements sent meanwhile. Only one recording at a time. */
export async function recordQueries<T>(action: () => Promise<T>): Promise<{ result: T; queries: RecordedQuery[] }> {
  const queries: RecordedQuery[] = [];
  const prototype = Client.prototype as unknown as { query: ClientQuery };
  const original = prototype.query;
  prototype.query = function (this: Client, ...args: unknown[]) {
    const [first, second] = args;
    const config = typeof first === 'object' && first !== null ? (first as { text?: string; values?: unknown[] }) : undefined;
    const text = config?.text ?? (typeof first === 'string' ? first : undefined);
    if (text !== undefined) queries.push({ text, values: config?.values ?? (Array.isArray(second) ? second : []) });
    return original.apply(this, args);
  };
  try {
    return { result: await action(), queries };
  } finally {
    prototype.query = original;
  }
}
