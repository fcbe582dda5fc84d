import { QueryFailedError } from 'typeorm';
import { isDatabaseUnreachable } from '../../src/db/connection-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('telling an unreachable database from other failures', () => {
  it('recognises refused, dropped and timed-out connections, however the driver wraps them', () => {
    expect(isDatabaseUnreachable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]))).toBe(true);
    expect(isDatabaseUnreachable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated due to connection timeout', { cause: new Error('timeout') }))).toBe(true);
    expect(isDatabaseUnreachable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('the database system is starting up', '57P03'))).toBe(true);
  });

  it('leaves bugs and refused data alone, so they stay 500s and 4xx', () => {
    expect(isDatabaseUnreachable(new QueryFailedError('INSERT', [], withCode('duplicate key value violates unique constraint', '23505')))).toBe(false);
    expect(isDatabaseUnreachable(withCode('syntax error at or near "SELEC"', '42601'))).toBe(false);
    expect(isDatabaseUnreachable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
