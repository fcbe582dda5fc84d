// Tells "the database cannot be reached just now" (stopped, restarting, network cut, no free connection in time)
// from every other failure: the first deserves a friendly "try again shortly", the second is a bug to log.

// Errors of the network, as node:net reports them when connecting or talking to the server.
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// PostgreSQL's SQLSTATEs: class 08 (connection exception), 57P01-57P03 (shutting down, crashed, starting up) and
// 53300 (too many connections).
const unavailableStates = /^(08...|57P0[1-3]|53300)$/;

// What pg and pg-pool say when a connection is lost, never made, or not handed out within connectionTimeoutMillis.
const driverMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  /** TypeORM's QueryFailedError keeps the driver's error here. */
  driverError?: unknown;
  cause?: unknown;
  /** AggregateError: a connect that tried several addresses. */
  errors?: unknown;
}

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause, errors } = error as ErrorLike;
  if (typeof code === 'string' && (networkCodes.has(code) || unavailableStates.test(code))) return true;
  if (typeof message === 'string' && driverMessages.test(message)) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((wrapped) => isDatabaseUnreachable(wrapped, depth + 1));
}
