import { DateTime } from 'luxon';
import { Client } from 'pg';
import { planRunLockKey, PlanRunInProgress } from '../../src/plan-runs/plan-run-lock';
import { createPlanRun, nextMonday } from '../../src/plan-runs/plan-runs.service';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

const today = DateTime.now().toISODate()!;
const firstMonday = nextMonday(today);
const weekOf = (date: string) => DateTime.fromISO(date).toFormat("kkkk-'W'WW");

async function runPlanner(agent: Agent, fields: Record<string, string> = { horizonWeeks: '12' }) {
  const token = await csrfTokenFrom(agent, '/hr/plan-runs');
  return agent.post('/hr/plan-runs').type('form').send({ _csrf: token, ...fields });
}

const countRows = async (t: TestApp, table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('running the planner and previewing the draft', () => {
  let t: TestApp;
  let hr: Agent;
  let hires: { id: string; fullName: string }[];
  let deskName: string;

  beforeAll(async () => {
    t = await startTestApp();
    const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
    const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
    const desk = await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: 1 });
    deskName = desk.name;
    await buildProgramme(t.dataSource, { kind: 'onboarding', lengthWeeks: 1, startWithinWeeks: 1, appliesToHiresFrom: today });
    const person = { departmentId: department.id, siteId: site.id };
    hr = await signIn(t.app, (await buildHr(t.dataSource, person)).email);
    hires = [];
    for (let i = 0; i < 3; i += 1) hires.push(await buildEmployee(t.dataSource, { ...person, hireDate: firstMonday }));
  });
  afterAll(() => t.close());

  it('saves a draft with its figures and shows them, the grid and the changes', async () => {
    const response = await runPlanner(hr);
    expect(response.status).toBe(303);
    const preview = await hr.get(response.headers.location);
    expect(preview.status).toBe(200);
    // One seat a week and a one-week window: two of the three new hires start on time, the third a week late.
    expect(preview.text).toMatch(/data-figure="due">3</);
    expect(preview.text).toMatch(/data-figure="on-time">2</);
    expect(preview.text).toMatch(/data-figure="late">1</);
    expect(preview.text).toContain(deskName);
    expect(preview.text).toContain(`${deskName}, ${weekOf(firstMonday)}: 1 of 1`);
    expect(preview.text).toContain('class="load load-full"');
    expect(preview.text).toMatch(/data-change="added">3 new/);
    expect(preview.text).toContain(hires[0].fullName);
    expect(await countRows(t, 'plan_run_assignments')).toBe(3);
  });

  it('keeps published assignments where they are and reports them unchanged', async () => {
    const secondWeek = DateTime.fromISO(firstMonday).plus({ weeks: 1 });
    const [{ id: deskId }] = await t.dataSource.query(`SELECT id FROM desks`);
    const [{ id: programmeId }] = await t.dataSource.query(`SELECT id FROM programmes`);
    await t.dataSource.query(
      `INSERT INTO assignments (employee_id, programme_id, desk_id, first_week, weeks, starts_on, ends_on, status)
       VALUES ($1, $2, $3, $4, 1, $5, $6, 'scheduled')`,
      [hires[2].id, programmeId, deskId, weekOf(secondWeek.toISODate()!), secondWeek.toISODate(), secondWeek.plus({ days: 6 }).toISODate()],
    );
    const preview = await hr.get((await runPlanner(hr)).headers.location);
    expect(preview.text).toMatch(/data-change="unchanged">1 unchanged/);
    expect(preview.text).toMatch(/data-change="added">2 new/);
    const [{ week }] = await t.dataSource.query(
      `SELECT a.first_week AS week FROM plan_run_assignments a JOIN plan_runs r ON r.id = a.plan_run_id
        WHERE a.employee_id = $1 ORDER BY r.created_at DESC LIMIT 1`,
      [hires[2].id],
    );
    expect(week).toBe(weekOf(secondWeek.toISODate()!));
  });

  it('lists the runs and lets HR discard a draft', async () => {
    const list = await hr.get('/hr/plan-runs');
    expect(list.status).toBe(200);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM plan_runs ORDER BY created_at DESC LIMIT 1`);
    expect(list.text).toContain(`/hr/plan-runs/${id}`);
    const token = await csrfTokenFrom(hr, `/hr/plan-runs/${id}`);
    const discard = await hr.post(`/hr/plan-runs/${id}/discard`).type('form').send({ _csrf: token });
    expect(discard.status).toBe(303);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM plan_runs WHERE id = $1`, [id]);
    expect(status).toBe('discarded');
    const again = await hr.post(`/hr/plan-runs/${id}/discard`).type('form').send({ _csrf: token });
    expect(again.status).toBe(422);
    expect(again.text).toContain('only a draft can be discarded');
  });

  it('shows the form again for a bad horizon and runs nothing', async () => {
    const before = await countRows(t, 'plan_runs');
    const response = await runPlanner(hr, { horizonWeeks: '0' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('The horizon is at least 1 week');
    expect(await countRows(t, 'plan_runs')).toBe(before);
  });

  it('answers an unknown run with 404', async () => {
    expect((await hr.get('/hr/plan-runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await hr.get('/hr/plan-runs/not-an-id')).status).toBe(404);
  });

  it('refuses employees and heads', async () => {
    for (const person of [await buildEmployee(t.dataSource), await buildHead(t.dataSource)]) {
      const agent = await signIn(t.app, person.email);
      expect((await agent.get('/hr/plan-runs')).status).toBe(403);
      const token = await csrfTokenFrom(agent, '/me');
      expect((await agent.post('/hr/plan-runs').type('form').send({ _csrf: token, horizonWeeks: '4' })).status).toBe(403);
    }
  });
});

describe('people the planner cannot place', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are listed with the reason and an explanation', async () => {
    const berlin = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
    const austin = await buildSite(t.dataSource, { timeZone: 'America/Chicago' });
    const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
    await buildDesk(t.dataSource, { siteId: berlin.id, hostableSiteIds: [berlin.id] });
    await buildProgramme(t.dataSource, { kind: 'onboarding', lengthWeeks: 2, startWithinWeeks: 2, appliesToHiresFrom: today });
    const stranded = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: austin.id, hireDate: firstMonday });
    const hr = await signIn(t.app, (await buildHr(t.dataSource, { departmentId: department.id, siteId: berlin.id })).email);

    const runAddress = (await runPlanner(hr)).headers.location;
    const preview = await hr.get(runAddress);
    expect(preview.text).toMatch(/data-figure="unplaced-no-eligible-desk">1</);
    expect(preview.text).toContain(stranded.fullName);
    expect(preview.text).toContain('No eligible desk');
    const filtered = await hr.get(`${runAddress}?reason=blackout`);
    expect(filtered.text).not.toContain(stranded.fullName);
  });
});

describe('one plan run at a time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('tells a second run in the same process that one is in progress', async () => {
    const actor = { id: null, name: 'Test' };
    const options = { today, horizonWeeks: 4, replanPublished: false };
    const results = await Promise.allSettled([createPlanRun(t.dataSource, actor, options), createPlanRun(t.dataSource, actor, options)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PlanRunInProgress);
    expect(await countRows(t, 'plan_runs')).toBe(1);
  });

  // Another app process holds the advisory lock: only a PostgreSQL server has separate sessions to show it,
  // since the embedded database is one process with one session (its data folder is locked against a second).
  if (process.env.DATABASE_URL) {
    it('tells HR a run is in progress while another process holds the lock', async () => {
      const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
      const otherProcess = new Client({ connectionString: (t.dataSource.options as { url: string }).url });
      await otherProcess.connect();
      try {
        await otherProcess.query('SELECT pg_advisory_lock($1)', [planRunLockKey]);
        const refused = await runPlanner(hr);
        expect(refused.status).toBe(409);
        expect(refused.text).toContain('A plan run is already in progress');
        await otherProcess.query('SELECT pg_advisory_unlock($1)', [planRunLockKey]);
        expect((await runPlanner(hr)).status).toBe(303);
      } finally {
        await otherProcess.end();
      }
    });
  }
});

describe('people whose last rotation has ended but is not closed yet', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are not due again until the programme’s months have passed since it ended', async () => {
    const site = await buildSite(t.dataSource);
    const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
    const desk = await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: 5 });
    const programme = await buildProgramme(t.dataSource, { kind: 'recurring', lengthWeeks: 2, everyMonths: 12, earlyWeeks: 0 });
    const person = { departmentId: department.id, siteId: site.id, hireDate: '2020-01-06' };
    const waitingForHr = await buildEmployee(t.dataSource, person);
    const neverRotated = await buildEmployee(t.dataSource, person);
    const lastMonth = DateTime.fromISO(today).minus({ weeks: 5 }).toISODate()!;
    await buildAssignment(t.dataSource, { employeeId: waitingForHr.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekOf(lastMonth), weeks: 2, status: 'in-progress' });

    const runId = await createPlanRun(t.dataSource, { id: null, name: 'Test' }, { today, horizonWeeks: 12, replanPublished: false });
    const placed: { employee_id: string }[] = await t.dataSource.query(`SELECT employee_id FROM plan_run_assignments WHERE plan_run_id = $1 AND NOT fixed`, [runId]);
    expect(placed.map((row) => row.employee_id)).toEqual([neverRotated.id]);
  });
});
