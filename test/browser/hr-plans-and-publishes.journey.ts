// Journey a, without JavaScript: HR imports new hires from a CSV file, runs the planner, previews the draft and
// publishes it, and the new hires' rotations are the schedule.
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { nextMonday } from '../../src/plan-runs/plan-runs.service';
import { buildDepartment, buildDesk, buildHr, buildProgramme, buildSite } from '../support/factories';
import { launchChromium, signedInPage } from './browser';
import { startJourneyApp, type JourneyApp } from './journey-app';
import { checkPage } from './page-checks';

const journey = 'hr-plans-and-publishes';
const today = DateTime.now().toISODate()!;
const firstMonday = nextMonday(today);
const newHires = [
  { fullName: 'Amara Okafor', email: 'amara.okafor@example.test', jobTitle: 'Backend engineer' },
  { fullName: 'Bruno Lindqvist', email: 'bruno.lindqvist@example.test', jobTitle: 'Designer' },
  { fullName: 'Chen Wei', email: 'chen.wei@example.test', jobTitle: 'Data analyst' },
];

let app: JourneyApp;
let browser: Browser;
let hrEmail: string;
beforeAll(async () => {
  [app, browser] = await Promise.all([startJourneyApp(), launchChromium()]);
  const berlin = await buildSite(app.dataSource, { name: 'Berlin', timeZone: 'Europe/Berlin', countryCode: 'DE' });
  const engineering = await buildDepartment(app.dataSource, { name: 'Engineering', maxSharePercent: 100 });
  await buildDesk(app.dataSource, { name: 'EMEA phone', siteId: berlin.id, weeklyCapacity: 4 });
  await buildProgramme(app.dataSource, { name: 'Onboarding', kind: 'onboarding', lengthWeeks: 2, startWithinWeeks: 2, appliesToHiresFrom: today });
  hrEmail = (await buildHr(app.dataSource, { fullName: 'Hilde HR', departmentId: engineering.id, siteId: berlin.id })).email;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const followMenu = (page: Page, label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
const figure = (page: Page, name: string) => page.locator('.figures > div').filter({ has: page.getByText(name, { exact: true }) }).locator('dd').innerText();

function newHiresCsv(): string {
  const lines = [['full_name', 'email', 'department', 'site', 'job_title', 'hire_date']];
  for (const hire of newHires) lines.push([hire.fullName, hire.email, 'Engineering', 'Berlin', hire.jobTitle, firstMonday]);
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

it('HR imports new hires from a CSV file, plans their onboarding, previews the draft and publishes it', async () => {
  const page = await signedInPage(browser, app.baseUrl, hrEmail);

  await followMenu(page, 'Import');
  await checkPage(browser, page, journey, '01-import-upload');
  await page.getByLabel('CSV file').setInputFiles({ name: 'new-hires.csv', mimeType: 'text/csv', buffer: Buffer.from(newHiresCsv()) });
  await page.getByRole('button', { name: 'Check the file' }).click();

  await page.getByRole('heading', { name: 'Import of new-hires.csv' }).waitFor();
  expect(await figure(page, 'New people')).toBe('3');
  expect(await figure(page, 'Invalid lines')).toBe('0');
  await checkPage(browser, page, journey, '02-import-preview');
  await page.getByRole('button', { name: 'Apply: create 3 and update 0' }).click();

  expect(await page.getByRole('status').innerText()).toContain('Imported by Hilde HR');
  await checkPage(browser, page, journey, '03-import-applied');
  await page.getByRole('link', { name: 'See the employees' }).click();
  for (const hire of newHires) await page.getByRole('link', { name: hire.fullName }).waitFor();

  await followMenu(page, 'Plan runs');
  await checkPage(browser, page, journey, '04-plan-runs');
  await page.getByLabel('Horizon (weeks)').fill('8');
  await page.getByRole('button', { name: 'Run the planner' }).click();

  await page.getByRole('heading', { name: /^Plan run from .* draft$/ }).waitFor();
  expect(await figure(page, 'People due')).toBe('3');
  expect(await figure(page, 'Placed on time')).toBe('3');
  const changes = page.getByRole('region', { name: 'Changes against the published schedule' });
  expect(await changes.innerText()).toContain('3 new, 0 moved, 0 removed');
  for (const hire of newHires) expect(await changes.getByRole('row').filter({ hasText: hire.fullName }).innerText()).toContain('Onboarding');
  await checkPage(browser, page, journey, '05-plan-run-preview');
  await page.getByRole('button', { name: 'Publish this plan' }).click();

  expect(await page.getByRole('status').innerText()).toContain('Published: 3 new, 0 moved and 0 cancelled assignments');
  await page.getByRole('heading', { name: /^Plan run from .* published$/ }).waitFor();
  await checkPage(browser, page, journey, '06-plan-run-published');

  await followMenu(page, 'Assignments');
  for (const hire of newHires) {
    const row = await page.getByRole('row').filter({ hasText: hire.fullName }).innerText();
    expect(row).toContain('Onboarding');
    expect(row).toContain('EMEA phone');
    expect(row).toContain('scheduled');
  }
  await checkPage(browser, page, journey, '07-assignments');
  const published: { email: string }[] = await app.dataSource.query(
    `SELECT e.email FROM assignments a JOIN employees e ON e.id = a.employee_id WHERE a.status = 'scheduled' ORDER BY e.email`,
  );
  expect(published.map((row) => row.email)).toEqual(newHires.map((hire) => hire.email));
});
