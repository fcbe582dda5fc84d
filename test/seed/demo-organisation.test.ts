import { DateTime } from 'luxon';
import { createPlanRun, findPlanRun } from '../../src/plan-runs/plan-runs.service';
import { ensureDemoOrganisation } from '../../src/seed/demo-organisation';
import { findDemoSignIns } from '../../src/seed/demo-sign-ins';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const today = DateTime.fromISO('2026-11-23');
beforeAll(async () => {
  t = await startTestApp();
  expect(await ensureDemoOrganisation(t.dataSource, today)).toBe(true);
});
afterAll(() => t.close());

const count = async (sql: string, parameters: unknown[] = []) => (await t.dataSource.query(sql, parameters))[0].n as number;

describe('the demo organisation', () => {
  it('has the ten departments, each with one head', async () => {
    const departments: { name: string; heads: number }[] = await t.dataSource.query(
      `SELECT d.name, (SELECT count(*)::int FROM department_heads h WHERE h.department_id = d.id) AS heads FROM departments d ORDER BY d.name`,
    );
    expect(departments.map((d) => d.name)).toEqual(
      ['Billing', 'Customer Support', 'Engineering', 'Finance', 'Fulfilment', 'Hardware & Suppliers', 'Marketing', 'People/HR', 'Product & UX', 'Sales'],
    );
    expect(departments.every((d) => d.heads === 1)).toBe(true);
  });

  it('has about 200 people with realistic names, one HR user, hires over five years and a few next month', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM employees`)).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE 'hr' = ANY (roles)`)).toBe(1);
    expect(await count(`SELECT count(DISTINCT full_name)::int AS n FROM employees`)).toBeGreaterThan(190);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE full_name !~ '^[A-Z][^ ]+( [^ ]+)+$'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE hire_date < '2022-06-01'`)).toBeGreaterThan(10);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE hire_date >= '2026-06-01' AND hire_date < '2026-11-23'`)).toBeGreaterThan(5);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE hire_date BETWEEN '2026-12-01' AND '2026-12-31'`)).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*)::int AS n FROM employees WHERE hire_date < '2021-11-23' OR hire_date > '2026-12-31'`)).toBe(0);
  });

  it('lists sign-ins that work for HR, a head and an employee', async () => {
    const signIns = await findDemoSignIns(t.dataSource);
    expect(signIns).toHaveLength(12);
    const homes: Record<string, string> = {};
    for (const demo of [signIns[0], signIns[1], signIns[signIns.length - 1]]) {
      const agent = await signIn(t.app, demo.email, demo.password);
      homes[demo.description] = (await agent.get('/')).headers.location;
    }
    expect(Object.values(homes)).toEqual(['/hr', '/head', '/me']);
  });

  it('has support desks, programmes and limits the planner can schedule everyone with', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM desks`)).toBe(4);
    expect(await count(`SELECT count(*)::int AS n FROM programmes`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM department_blackout_weeks`)).toBeGreaterThan(0);
    const runId = await createPlanRun(t.dataSource, { id: null, name: 'Test' }, { today: today.toISODate()!, horizonWeeks: 52, replanPublished: false });
    const { figures } = await findPlanRun(t.dataSource.manager, runId);
    expect(figures.peopleDue).toBeGreaterThan(150);
    expect(figures.placedOnTime + figures.placedLate).toBeGreaterThan(0.9 * figures.peopleDue);
  });

  it('is created only once', async () => {
    expect(await ensureDemoOrganisation(t.dataSource, today)).toBe(false);
    expect(await count(`SELECT count(*)::int AS n FROM employees`)).toBe(200);
  });
});
