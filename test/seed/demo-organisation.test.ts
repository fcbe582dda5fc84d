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

  // The demo publishes a schedule, so the planner is asked to re-plan it: it must still find room for everyone.
  it('has support desks, programmes and limits the planner can schedule everyone with', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM desks`)).toBe(4);
    expect(await count(`SELECT count(*)::int AS n FROM programmes`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM department_blackout_weeks`)).toBeGreaterThan(0);
    const runId = await createPlanRun(t.dataSource, { id: null, name: 'Test' }, { today: today.toISODate()!, horizonWeeks: 52, replanPublished: true });
    const { figures } = await findPlanRun(t.dataSource.manager, runId);
    expect(figures.peopleDue).toBeGreaterThan(150);
    expect(figures.placedOnTime + figures.placedLate).toBeGreaterThan(0.9 * figures.peopleDue);
  });

  it('has rotations completed over the years with their logged shifts, one in progress and a published year ahead', async () => {
    const byStatus: { status: string; n: number; first: string; last: string }[] = await t.dataSource.query(
      `SELECT status, count(*)::int AS n, min(starts_on)::text AS first, max(starts_on)::text AS last FROM assignments GROUP BY status`,
    );
    const status = Object.fromEntries(byStatus.map((row) => [row.status, row]));
    expect(status.completed.n).toBeGreaterThan(200);
    expect(status.completed.first < '2022-11-23').toBe(true);
    expect(status['in-progress'].n).toBeGreaterThan(0);
    expect(status.scheduled.n).toBeGreaterThan(150);
    expect(status.scheduled.last > '2027-09-01' && status.scheduled.last < '2027-11-23').toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM assignments WHERE status = 'completed' AND (completed_at IS NULL OR ends_on >= '2026-11-23')`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM assignments WHERE status = 'scheduled' AND starts_on <= '2026-11-23'`)).toBe(0);
    // Every completed rotation has its shifts, enough hours to have been completed, and nothing is logged ahead of today.
    const perRotation: { shifts: number; hours: number }[] = await t.dataSource.query(
      `SELECT count(s.id)::int AS shifts, coalesce(sum(extract(epoch FROM s.ends_at - s.starts_at)) / 3600, 0)::float AS hours
         FROM assignments a LEFT JOIN shifts s ON s.assignment_id = a.id WHERE a.status = 'completed' GROUP BY a.id`,
    );
    expect(perRotation.every((rotation) => rotation.shifts >= 4 && rotation.hours >= 32)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM shifts WHERE starts_at >= '2026-11-23'`)).toBe(0);
    expect(await count(`SELECT count(DISTINCT channel)::int AS n FROM shifts`)).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*)::int AS n FROM shifts WHERE contacts NOT BETWEEN 0 AND 40`)).toBe(0);
  });

  it('never has a person on two rotations at once, nor a desk over its capacity in the schedule ahead', async () => {
    expect(
      await count(
        `SELECT count(*)::int AS n FROM assignments a JOIN assignments b
            ON b.employee_id = a.employee_id AND b.id <> a.id AND b.starts_on <= a.ends_on AND b.ends_on >= a.starts_on`,
      ),
    ).toBe(0);
    const [deskWeeks]: { all: number; over: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE hosts > capacity)::int AS over
         FROM (SELECT count(*) AS hosts, d.weekly_capacity AS capacity
                 FROM assignments a JOIN desks d ON d.id = a.desk_id
                 CROSS JOIN generate_series(a.starts_on, a.ends_on, interval '7 days') AS week
                WHERE a.status = 'scheduled' GROUP BY d.id, week) AS load`,
    );
    expect(deskWeeks.all).toBeGreaterThan(20);
    expect(deskWeeks.over).toBe(0);
  });

  it('has a few absences per person, none overlapping', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM absences`)).toBeGreaterThan(400);
    expect(await count(`SELECT count(DISTINCT type)::int AS n FROM absences`)).toBeGreaterThanOrEqual(4);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM absences a JOIN absences b
            ON b.employee_id = a.employee_id AND b.id <> a.id AND b.starts_on <= a.ends_on AND b.ends_on >= a.starts_on`,
      ),
    ).toBe(0);
  });

  it('has insights with varied words from logged shifts, routed to departments, some echoed and answered', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM insights`)).toBeGreaterThan(500);
    expect(await count(`SELECT count(*)::int AS n FROM insights i JOIN shifts s ON s.id = i.shift_id WHERE s.employee_id <> i.author_id`)).toBe(0);
    expect(await count(`SELECT count(DISTINCT verbatim)::int AS n FROM insights`)).toBeGreaterThan(0.95 * (await count(`SELECT count(*)::int AS n FROM insights`)));
    expect(await count(`SELECT count(*)::int AS n FROM ts_stat('SELECT search FROM insights')`)).toBeGreaterThan(300);
    expect(await count(`SELECT count(*)::int AS n FROM insights WHERE search @@ plainto_tsquery('english', 'refund')`)).toBeGreaterThan(0);
    const routed: { department: string; n: number }[] = await t.dataSource.query(
      `SELECT d.name AS department, count(*)::int AS n FROM insight_departments r JOIN departments d ON d.id = r.department_id GROUP BY d.name`,
    );
    expect(routed.map((row) => row.department)).toEqual(expect.arrayContaining(['Engineering', 'Product & UX', 'Billing', 'Fulfilment', 'Customer Support']));
    expect(await count(`SELECT count(DISTINCT status)::int AS n FROM insights`)).toBe(5);
    expect(await count(`SELECT count(*)::int AS n FROM insight_echoes`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM insights WHERE heard_contacts > contacts_raised`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM insight_comments c JOIN insights i ON i.id = c.insight_id WHERE c.status_to = i.status`)).toBeGreaterThan(0);
  });

  it('is created only once', async () => {
    expect(await ensureDemoOrganisation(t.dataSource, today)).toBe(false);
    expect(await count(`SELECT count(*)::int AS n FROM employees`)).toBe(200);
  });
});
