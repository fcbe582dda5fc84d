// Dashboard figures are kept for FIGURES_MAX_AGE_SECONDS: a page shows the kept figures and their age at once, and
// once they are older the next visit still answers at once while they are worked out again behind it.
import { buildDepartment, buildEmployee, buildHr } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { rowCells, section } from '../dashboards/page-reading';

let t: TestApp;
let hr: Agent;
let departmentId: string;
beforeAll(async () => {
  t = await startTestApp({ figuresMaxAgeSeconds: 300 });
  const department = await buildDepartment(t.dataSource, { name: 'Kept' });
  departmentId = department.id;
  await buildEmployee(t.dataSource, { departmentId, hireDate: '2020-01-06' });
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

const activeInKept = async () => {
  const page = await hr.get('/hr/dashboard');
  expect(page.status).toBe(200);
  return { active: rowCells(section(page.text, 'completion'), 'Kept')[0], text: page.text };
};

it('shows kept figures with their age, and works them out again once they are older than allowed', async () => {
  const first = await activeInKept();
  expect(first.active).toBe('1');
  expect(first.text).not.toContain('Figures as of');

  await buildEmployee(t.dataSource, { departmentId, hireDate: '2020-01-06' });
  const kept = await activeInKept();
  expect(kept.active).toBe('1');
  expect(kept.text).toContain('Figures as of a moment ago; they are worked out again every 5 minutes.');

  await t.dataSource.query(`UPDATE figure_cache SET computed_at = now() - interval '7 minutes'`);
  const stale = await activeInKept();
  expect(stale.active).toBe('1');
  expect(stale.text).toContain('Figures as of 7 minutes ago');

  let refreshed = stale;
  for (let attempt = 0; attempt < 50 && refreshed.active === '1'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    refreshed = await activeInKept();
  }
  expect(refreshed.active).toBe('2');
  expect(refreshed.text).toContain('Figures as of a moment ago');
});

it('keeps figures apart for each scope: a department of its own is not shown the whole organisation’s', async () => {
  const whole = await hr.get('/hr/dashboard');
  const narrowed = await hr.get(`/hr/dashboard?department=${departmentId}`);
  expect(rowCells(section(whole.text, 'completion'), 'All departments')[0]).not.toBe(rowCells(section(narrowed.text, 'completion'), 'Kept')[0]);
});
