// Two app processes on one PostgreSQL, as behind a load balancer: sessions, background jobs and plan runs are
// shared through the database, so it does not matter which process serves a request or runs a job.
import { DateTime } from 'luxon';
import { Client } from 'pg';
import request from 'supertest';
import { planRunLockKey } from '../../src/plan-runs/plan-run-lock';
import { nextMonday } from '../../src/plan-runs/plan-runs.service';
import { buildAssignment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite, testPassword } from '../support/factories';
import { csrfTokenIn, submitSignIn } from '../support/sessions';
import { serverUrl } from '../support/test-databases';
import { killAppProcesses, startAppProcess, waitUntil, type AppProcess } from './app-processes';
import { openProcessDatabase, type ProcessDatabase } from './process-database';

jest.setTimeout(120_000);

let database: ProcessDatabase;
/** A connection of the test's own, for holding locks and watching what the app processes wait for. */
let control: Client;
let hr: { fullName: string; email: string };
let rotationEmployeeId: string;
let a: AppProcess;
let b: AppProcess;

const count = async (sql: string, parameters: unknown[] = []) => Number((await control.query(sql, parameters)).rows[0].count);

// pg_locks, not pg_stat_activity: within the control connection's transaction the latter is a snapshot that stays
// stale. pg_locks covers every database, and the test databases, copies of one template, share their tables' oids.
const inThisDatabase = `database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
/** Connections waiting to lock `table`. */
const waitingToLock = (table: string) =>
  count(`SELECT count(*) FROM pg_locks WHERE ${inThisDatabase} AND relation = $1::regclass AND NOT granted`, [table]);
const planRunLockHeld = async () =>
  (await count(
    `SELECT count(*) FROM pg_locks WHERE ${inThisDatabase} AND locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1`,
    [planRunLockKey],
  )) === 1;

/** Signs in on one process; gives the session cookie as a browser would keep it. */
async function signInOn(app: AppProcess, email: string): Promise<string> {
  const response = await submitSignIn(request.agent(app.url), email, testPassword);
  expect(response.status).toBe(303);
  return (response.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]).join('; ');
}

const describeOnServer = serverUrl() ? describe : describe.skip;

describeOnServer('two app processes on one PostgreSQL server (server only: the embedded database serves a single process)', () => {
  beforeAll(async () => {
    database = await openProcessDatabase();
    hr = await buildHr(database.dataSource);
    // A rotation starting next week, with reminders 10 days ahead: its reminder is due now, whatever the weekday.
    const site = await buildSite(database.dataSource, { timeZone: 'UTC' });
    const desk = await buildDesk(database.dataSource, { siteId: site.id });
    const programme = await buildProgramme(database.dataSource, { lengthWeeks: 1 });
    const employee = await buildEmployee(database.dataSource, { siteId: site.id });
    rotationEmployeeId = employee.id;
    const firstWeek = DateTime.fromISO(nextMonday(DateTime.now().toISODate()!)).toFormat("kkkk-'W'WW");
    await buildAssignment(database.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek, weeks: 1 });
    await database.dataSource.query(`UPDATE organisation_settings SET reminder_days_before = 10`);

    control = new Client({ connectionString: database.urlThrough() });
    await control.connect();
    // Both processes' first job round will wait here, so that they claim the reminder job at the same moment.
    await control.query('BEGIN');
    await control.query('LOCK TABLE scheduled_jobs IN ACCESS EXCLUSIVE MODE');
    const env = { DATABASE_URL: database.urlThrough(), DATABASE_POOL_SIZE: database.poolSize };
    [a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
  });
  afterAll(async () => {
    await killAppProcesses();
    await control?.end();
    await database?.close();
  });

  it('queues a due reminder once when both processes run the reminder job at the same moment', async () => {
    try {
      await waitUntil('both processes to claim the reminder job', async () => (await waitingToLock('scheduled_jobs')) === 2);
    } finally {
      await control.query('COMMIT');
    }
    await waitUntil(
      'both job rounds to finish',
      async () =>
        (await count(`SELECT count(*) FROM scheduled_jobs WHERE name = 'rotation-reminders' AND last_finished_at IS NOT NULL`)) === 1 &&
        (await count(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`)) === 0,
    );

    const told = await control.query(
      `SELECT n.kind FROM notices n JOIN outbox_messages m ON m.id = n.outbox_message_id WHERE n.employee_id = $1`,
      [rotationEmployeeId],
    );
    // The reminder days before, or (from 18:00 on the Sunday before) the evening reminder, which replaces it.
    expect(told.rows).toEqual([{ kind: expect.stringMatching(/^(reminder|eve-of-first-shift)$/) }]);
  });

  it('serves a session signed in on one process on the other, and a sign-out on either ends it on both', async () => {
    const cookie = await signInOn(a, hr.email);

    const onB = await request(b.url).get('/hr/employees').set('Cookie', cookie);
    expect(onB.status).toBe(200);
    expect(onB.text).toContain(hr.fullName);

    const signOut = await request(b.url).post('/sign-out').set('Cookie', cookie).type('form').send({ _csrf: csrfTokenIn(onB.text) });
    expect(signOut.status).toBe(303);
    const onA = await request(a.url).get('/hr/employees').set('Cookie', cookie);
    expect(onA.status).toBe(303);
    expect(onA.headers.location).toMatch(/^\/sign-in/);
  });

  it('runs one of two plan runs asked for at once on the two processes, and tells HR on the other that one is in progress', async () => {
    const [cookieA, cookieB] = [await signInOn(a, hr.email), await signInOn(b, hr.email)];
    const tokenOn = async (app: AppProcess, cookie: string) => csrfTokenIn((await request(app.url).get('/hr/plan-runs').set('Cookie', cookie)).text);
    const [tokenA, tokenB] = [await tokenOn(a, cookieA), await tokenOn(b, cookieB)];
    const askForPlanRun = (app: AppProcess, cookie: string, token: string) =>
      request(app.url).post('/hr/plan-runs').set('Cookie', cookie).type('form').send({ _csrf: token, horizonWeeks: '12' });

    // A plan run reads the settings first once it holds the plan-run lock; while they are locked, it waits holding it.
    await control.query('BEGIN');
    await control.query('LOCK TABLE organisation_settings IN ACCESS EXCLUSIVE MODE');
    const first = askForPlanRun(a, cookieA, tokenA).then((response) => response);
    let second;
    try {
      await waitUntil('the first plan run to hold the plan-run lock', planRunLockHeld);
      second = await askForPlanRun(b, cookieB, tokenB);
    } finally {
      await control.query('COMMIT');
    }
    expect(second.status).toBe(409);
    expect(second.text).toContain('A plan run is already in progress. Wait for it to finish, then look at its draft.');
    const done = await first;
    expect(done.status).toBe(303);
    expect(done.headers.location).toMatch(/^\/hr\/plan-runs\/[0-9a-f-]{36}$/);
    expect(await count('SELECT count(*) FROM plan_runs')).toBe(1);
  });
});
