// Journeys b and c, chained as the issue tells them, on one app and without JavaScript: an employee sees their
// rotation, subscribes to its feed, logs a shift and writes an insight; the head of the department it was routed to
// triages and answers it; and the author reads the answer.
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import type { Department } from '../../src/people/department.entity';
import { weekDates, weekOf } from '../../src/schedule/week-dates';
import { parseIcs } from '../calendars/parse-ics';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildProgramme, buildSite } from '../support/factories';
import { launchChromium, signedInPage } from './browser';
import { startJourneyApp, type JourneyApp } from './journey-app';
import { checkPage } from './page-checks';

// A two-week rotation that began last week, so the employee has a day behind them to log.
const firstWeek = weekOf(DateTime.now().minus({ weeks: 1 }).toISODate()!);
const { startsOn } = weekDates(firstWeek, 2);
const insight = {
  summary: 'Callers cannot find the returns option in the phone menu',
  verbatim: 'I pressed every number twice and never reached anyone about my return.',
  answer: 'We are adding a returns option to the first menu in the next release. Thank you for writing it down.',
};

let app: JourneyApp;
let browser: Browser;
let product: Department;
let hardware: Department;
let employeeEmail: string;
let headEmail: string;
beforeAll(async () => {
  [app, browser] = await Promise.all([startJourneyApp(), launchChromium()]);
  const berlin = await buildSite(app.dataSource, { name: 'Berlin', timeZone: 'Europe/Berlin', countryCode: 'DE' });
  const engineering = await buildDepartment(app.dataSource, { name: 'Engineering' });
  product = await buildDepartment(app.dataSource, { name: 'Product & UX' });
  hardware = await buildDepartment(app.dataSource, { name: 'Hardware' });
  const desk = await buildDesk(app.dataSource, { name: 'EMEA phone', siteId: berlin.id });
  const programme = await buildProgramme(app.dataSource, { name: 'Annual rotation', lengthWeeks: 2 });
  const employee = await buildEmployee(app.dataSource, { fullName: 'Elif Demir', departmentId: engineering.id, siteId: berlin.id });
  employeeEmail = employee.email;
  headEmail = (await buildHead(app.dataSource, { fullName: 'Priya Raman', heads: [product], siteId: berlin.id })).email;
  await buildAssignment(app.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek, weeks: 2, status: 'in-progress' });
  // HR's routing rule: usability problems with the phone menu reach Product & UX.
  await app.dataSource.query(
    `INSERT INTO routing_rules (category_id, product_area_id, department_id)
     SELECT c.id, pa.id, $1 FROM insight_categories c, product_areas pa WHERE c.name = 'usability' AND pa.name = 'Phone menu'`,
    [product.id],
  );
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const followMenu = (page: Page, label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
const notice = (page: Page) => page.locator('.notice[role="status"]').innerText();

let employeePage: Page;

it('b: an employee sees the rotation, adds its feed, logs a shift and writes an insight', async () => {
  const journey = 'employee-rotation-feed-shift-insight';
  const page = (employeePage = await signedInPage(browser, app.baseUrl, employeeEmail));

  await followMenu(page, 'My rotations');
  const rotation = page.locator('.rotation-card').filter({ has: page.getByRole('heading', { name: 'Annual rotation at EMEA phone' }) });
  expect(await rotation.innerText()).toContain(`${firstWeek} to `);
  expect(await rotation.getByRole('row').count()).toBe(3); // the header and the two weeks
  await checkPage(browser, page, journey, '01-my-rotations');

  await page.getByRole('button', { name: 'Make a feed address' }).click();
  const feedUrl = await page.getByLabel('Feed address').inputValue();
  expect(feedUrl).toMatch(new RegExp(`^${app.baseUrl}/feeds/[^/]+\\.ics$`));
  await checkPage(browser, page, journey, '02-feed-address');
  // A calendar app fetches the feed with no session at all: the address is the credential.
  const feed = await fetch(feedUrl);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
  const calendar = await parseIcs(await feed.text());
  expect(calendar.events).toHaveLength(10); // two weeks of five working days
  expect(calendar.events.every((event) => event.summary === 'Rotation: EMEA phone' && event.startZone === 'Europe/Berlin')).toBe(true);
  expect(calendar.events.map((event) => event.startLocal)).toContain(`${startsOn}T09:00:00`);

  await page.getByRole('link', { name: 'Log a shift' }).click();
  await page.getByLabel('Date').fill(startsOn);
  await page.getByLabel('Start (Europe/Berlin)').fill('09:00');
  await page.getByLabel('End (Europe/Berlin)').fill('13:00');
  await page.getByLabel('Channel').selectOption({ label: 'Phone' });
  await page.getByLabel('Customer contacts handled').fill('12');
  await page.getByLabel('Notes').fill('Mostly returns');
  await checkPage(browser, page, journey, '03-log-shift');
  await page.getByRole('button', { name: 'Log shift' }).click();

  expect(await notice(page)).toContain('Shift logged.');
  const shifts = await page.locator('.shift-rotation').innerText();
  expect(shifts).toContain('09:00–13:00');
  expect(shifts).toContain('Mostly returns');
  await checkPage(browser, page, journey, '04-my-shifts');

  await followMenu(page, 'My insights');
  await page.getByRole('link', { name: 'Write an insight' }).click();
  await page.getByLabel('One-line summary').fill(insight.summary);
  await page.getByLabel('What the customer said').fill(insight.verbatim);
  await page.getByLabel('Category').selectOption({ label: 'usability' });
  await page.getByLabel('Product area').selectOption({ label: 'Phone menu' });
  // Without JavaScript, suggesting departments is a round trip that keeps what was typed.
  await page.getByRole('button', { name: 'Suggest departments' }).click();
  expect(await page.getByLabel('One-line summary').inputValue()).toBe(insight.summary);
  expect(await page.getByRole('checkbox', { name: product.name }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: hardware.name }).isChecked()).toBe(false);
  await page.getByRole('radio', { name: 'Significant' }).check();
  expect(await page.getByLabel('The shift you heard it in').locator('option:checked').innerText()).toContain('09:00–13:00, EMEA phone');
  await page.getByLabel('How many contacts in that shift raised it').fill('3');
  await page.getByLabel('Tags').fill('returns, phone menu');
  await checkPage(browser, page, journey, '05-write-insight');
  await page.getByRole('button', { name: 'Save insight' }).click();

  expect(await notice(page)).toContain('Insight saved');
  await page.getByRole('heading', { name: insight.summary }).waitFor();
  await checkPage(browser, page, journey, '06-insight-saved');
  await followMenu(page, 'My insights');
  const card = await page.locator('.insight-card').filter({ hasText: insight.summary }).innerText();
  expect(card).toContain('reaches Product & UX');
  expect(card).toContain('Status: New');
  expect(card).toContain('No answer from the departments yet.');
});

it('c: the head of the routed department triages the insight and answers it, and the author sees the answer', async () => {
  const journey = 'head-triages-author-sees-answer';
  const page = await signedInPage(browser, app.baseUrl, headEmail);

  await followMenu(page, 'Learnings');
  const entry = page.locator('.learnings-feed > li').filter({ hasText: insight.summary });
  expect(await entry.innerText()).toContain('by Elif Demir at EMEA phone');
  await checkPage(browser, page, journey, '01-learnings-feed');

  await entry.getByRole('link', { name: insight.summary }).click();
  expect(await page.locator('blockquote.verbatim').innerText()).toBe(insight.verbatim);
  expect(await page.locator('.details').innerText()).toMatch(/Routed to\s+Product & UX/);
  await checkPage(browser, page, journey, '02-insight');
  await page.getByLabel('Status').selectOption({ label: 'Planned' });
  await page.getByLabel('Comment to the author').fill(insight.answer);
  await page.getByRole('button', { name: 'Save and tell the author' }).click();

  expect(await notice(page)).toBe('Saved, and the author was told.');
  expect(await page.locator('.lead').innerText()).toMatch(/^Planned/);
  expect(await page.locator('.insight-answers').innerText()).toContain(insight.answer);
  await checkPage(browser, page, journey, '03-insight-answered');

  await followMenu(employeePage, 'My insights');
  const card = await employeePage.locator('.insight-card').filter({ hasText: insight.summary }).innerText();
  expect(card).toContain('Status: Planned');
  expect(card).toContain('Priya Raman');
  expect(card).toContain('status set to Planned');
  expect(card).toContain(insight.answer);
  await checkPage(browser, employeePage, journey, '04-author-sees-answer');
});
