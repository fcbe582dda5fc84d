import request from 'supertest';
import { buildEmployee } from '../support/factories';
import { pruneExpiredSessions } from '../../src/auth/sessions';
import { recordQueries } from '../support/query-recorder';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ sessionIdleMinutes: 30, sessionAbsoluteHours: 12, trustProxy: true });
});
afterAll(() => t.close());

const sessionCookie = (cookies: string[] | string | undefined) =>
  ([] as string[]).concat(cookies ?? []).find((cookie) => cookie.startsWith('frontline.sid='));

describe('a session', () => {
  it('ends after the idle timeout: a quiet session is sent back to sign in', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    expect((await agent.get('/me')).status).toBe(200);
    await t.dataSource.query(`UPDATE sessions SET expire = now() - interval '1 minute' WHERE sess::text LIKE $1`, [`%${employee.id}%`]);
    const after = await agent.get('/me');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/sign-in?next=%2Fme');
  });

  it('stays alive while used: a page pushes the idle expiry forward, writing it at most once a minute', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    const expiry = async () => {
      const [row] = await t.dataSource.query(`SELECT extract(epoch FROM expire - now()) / 60 AS minutes FROM sessions WHERE sess::text LIKE $1`, [`%${employee.id}%`]);
      return Number(row.minutes);
    };
    await t.dataSource.query(`UPDATE sessions SET expire = now() + interval '10 minutes' WHERE sess::text LIKE $1`, [`%${employee.id}%`]);
    expect((await agent.get('/me')).status).toBe(200);
    expect(await expiry()).toBeGreaterThan(29);

    const { result, queries } = await recordQueries(() => agent.get('/me'));
    expect(result.status).toBe(200);
    expect(queries.filter((query) => /UPDATE "?sessions/.test(query.text))).toEqual([]);
    expect(await expiry()).toBeGreaterThan(29);
  });

  it('ends after the absolute timeout, however active it was', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    const thirteenHoursAgo = Date.now() - 13 * 60 * 60 * 1000;
    await t.dataSource.query(`UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{signedInAt}', to_jsonb($2::bigint))::json WHERE sess::text LIKE $1`, [
      `%${employee.id}%`,
      thirteenHoursAgo,
    ]);
    const after = await agent.get('/me');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/sign-in?expired=1');
    expect((await agent.get('/sign-in?expired=1')).text).toContain('Your session ended. Please sign in again.');
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM sessions WHERE sess::text LIKE $1`, [`%${employee.id}%`]))[0].n)).toBe(0);
  });

  it('gets a Secure cookie behind a TLS proxy, and never one readable by scripts', async () => {
    // The sign-in page starts the session that carries its form token.
    const overTls = sessionCookie((await request(t.app).get('/sign-in').set('X-Forwarded-Proto', 'https')).headers['set-cookie']);
    expect(overTls).toMatch(/; Secure/);
    expect(overTls).toMatch(/; HttpOnly/);
    const plain = sessionCookie((await request(t.app).get('/sign-in')).headers['set-cookie']);
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).not.toMatch(/; Secure/);
  });

  it('is deleted once expired by the background jobs, while live sessions stay', async () => {
    const [quiet, active] = [await buildEmployee(t.dataSource), await buildEmployee(t.dataSource)];
    await signIn(t.app, quiet.email);
    const activeAgent = await signIn(t.app, active.email);
    await t.dataSource.query(`UPDATE sessions SET expire = now() - interval '1 minute' WHERE sess::text LIKE $1`, [`%${quiet.id}%`]);
    expect(await pruneExpiredSessions(t.dataSource.manager)).toBeGreaterThanOrEqual(1);
    const left = await t.dataSource.query(`SELECT sess::text AS sess FROM sessions`);
    expect(left.some((row: { sess: string }) => row.sess.includes(quiet.id))).toBe(false);
    expect((await activeAgent.get('/me')).status).toBe(200);
  });
});
