import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { columnHeadings, detailsOf, listedNames, rowCells, section } from './page-reading';
import { fixTheClock, restoreTheClock, seedOrganisation, type SeededOrganisation } from './seeded-organisation';

let t: TestApp;
let org: SeededOrganisation;
let hr: Agent;
beforeAll(async () => {
  fixTheClock();
  t = await startTestApp();
  org = await seedOrganisation(t.dataSource);
  hr = await signIn(t.app, org.hr.email);
});
afterAll(async () => {
  restoreTheClock();
  await t.close();
});

describe("HR's programme dashboard", () => {
  it('shows each figure by department and in total, as the organisation really stands', async () => {
    const page = await hr.get('/hr/dashboard');
    expect(page.status).toBe(200);

    const completion = section(page.text, 'completion');
    expect(rowCells(completion, 'Alpha')).toEqual(['6', '3', '50%']);
    expect(rowCells(completion, 'Beta')).toEqual(['4', '1', '25%']);
    expect(rowCells(completion, '=Office')).toEqual(['4', '0', '0%']);
    expect(rowCells(completion, 'Gamma')).toEqual(['0', '0', '–']);
    expect(rowCells(completion, 'All departments')).toEqual(['69', '4', '5.8%']);

    const onboarding = section(page.text, 'onboarding');
    expect(rowCells(onboarding, 'Alpha')).toEqual(['3', '1', '33.3%']);
    expect(rowCells(onboarding, 'Beta')).toEqual(['1', '0', '0%']);
    expect(rowCells(onboarding, 'All departments')).toEqual(['4', '1', '25%']);

    const overdue = section(page.text, 'overdue');
    expect(rowCells(overdue, 'Alpha')).toEqual(['6', '2', '33.3%']);
    expect(rowCells(overdue, 'Beta')).toEqual(['4', '1', '25%']);
    expect(rowCells(overdue, 'Many')).toEqual(['55', '0', '0%']);
    expect(rowCells(overdue, 'All departments')).toEqual(['69', '3', '4.3%']);
  });

  it('counts the hours logged in each of the last 12 weeks by the week at the desk', async () => {
    const hours = section((await hr.get('/hr/dashboard')).text, 'hours');
    const weeks = Array.from({ length: 12 }, (_, index) => `2027-W${String(13 + index).padStart(2, '0')}`);
    expect(columnHeadings(hours)).toEqual(['Department', ...weeks, 'Total']);
    const nothing = Array<string>(10).fill('0');
    expect(rowCells(hours, 'Beta')).toEqual([...nothing, '8', '3.5', '11.5']);
    expect(rowCells(hours, 'Alpha')).toEqual([...nothing, '0', '0', '0']);
    expect(rowCells(hours, 'All departments')).toEqual([...nothing, '8', '3.5', '11.5']);
  });

  it('draws each table as an accessible SVG chart beside it, with no inline styles', async () => {
    const page = await hr.get('/hr/dashboard');
    for (const key of ['completion', 'onboarding', 'overdue', 'hours']) {
      const part = section(page.text, key);
      expect(part).toMatch(new RegExp(`<svg [^>]*role="img" aria-labelledby="${key}-chart-title ${key}-chart-desc"`));
      expect(part).toContain(`<title id="${key}-chart-title">`);
      expect(part).toContain(`<desc id="${key}-chart-desc">`);
      expect(part).toContain('<table class="figure-table">');
    }
    expect(section(page.text, 'completion')).toContain('<title>Alpha: 50%</title>');
    expect(section(page.text, 'hours')).toContain('<title>2027-W24: 3.5 hours</title>');
    expect(page.text).not.toMatch(/style=/i);
    expect(page.text).not.toMatch(/<script/i);
  });

  it('links each number to the people behind it', async () => {
    const page = await hr.get('/hr/dashboard');
    expect(section(page.text, 'completion')).toContain(`href="/hr/dashboard/people?figure=completed&amp;department=${org.alpha.id}"`);
    expect(section(page.text, 'completion')).toContain('href="/hr/dashboard/people?figure=completed"');
    expect(section(page.text, 'hours')).toContain(`href="/hr/dashboard/people?figure=hours&amp;department=${org.beta.id}&amp;week=2027-W24"`);

    const completed = await hr.get(`/hr/dashboard/people?figure=completed&department=${org.alpha.id}`);
    expect(completed.status).toBe(200);
    expect(completed.text).toContain('3 people');
    expect(listedNames(completed.text)).toEqual(['Ada Alpha', 'Dee Alpha', 'Eve Alpha']);
    expect(detailsOf(completed.text, 'Ada Alpha')).toBe('Annual rotation, ended 2027-03-14');
    expect(completed.text).toContain(`href="/hr/employees/${org.people.ada.id}"`);

    const everyoneCompleted = await hr.get('/hr/dashboard/people?figure=completed');
    expect(listedNames(everyoneCompleted.text)).toEqual(['Ada Alpha', 'Dee Alpha', 'Eve Alpha', 'Ivy Beta']);
  });

  it('explains why each overdue person is overdue, and who started onboarding on time', async () => {
    const overdue = await hr.get('/hr/dashboard/people?figure=overdue');
    expect(listedNames(overdue.text)).toEqual(['Bo Alpha', 'Cy Alpha', 'Kai Beta']);
    expect(detailsOf(overdue.text, 'Bo Alpha')).toBe('Annual rotation: due 2027-W19, not placed');
    expect(detailsOf(overdue.text, 'Cy Alpha')).toBe('Annual rotation: due 2021-W09, placed in 2027-W30, not completed');
    expect(detailsOf(overdue.text, 'Kai Beta')).toBe('Onboarding: due 2026-W47, not placed');

    const newHires = await hr.get('/hr/dashboard/people?figure=new-hires');
    expect(listedNames(newHires.text)).toEqual(['Dee Alpha', 'Eve Alpha', 'Fay Alpha', 'Kai Beta']);
    expect(detailsOf(newHires.text, 'Eve Alpha')).toBe('Hired 2027-02-01; to start by 2027-W07; started 2027-W10, late');
    expect(detailsOf(newHires.text, 'Fay Alpha')).toBe('Hired 2027-05-31; to start by 2027-W24; not started');
    const onTime = await hr.get('/hr/dashboard/people?figure=onboarded');
    expect(listedNames(onTime.text)).toEqual(['Dee Alpha']);

    const hours = await hr.get(`/hr/dashboard/people?figure=hours&department=${org.beta.id}&week=2027-W24`);
    expect(hours.text).toContain('Logged shifts in 2027-W24: Beta');
    expect(detailsOf(hours.text, 'Ivy Beta')).toBe('3.5 hours in 1 shift');
    const allHours = await hr.get('/hr/dashboard/people?figure=hours');
    expect(detailsOf(allHours.text, 'Ivy Beta')).toBe('11.5 hours in 3 shifts');
  });

  it('lists the people behind a figure 50 to a page', async () => {
    const first = await hr.get(`/hr/dashboard/people?figure=active&department=${org.many.id}`);
    expect(first.text).toContain('55 people, page 1 of 2');
    const names = listedNames(first.text);
    expect(names).toHaveLength(50);
    expect(names[0]).toBe('Many Person 01');
    expect(first.text).toContain(`href="/hr/dashboard/people?figure=active&amp;department=${org.many.id}&amp;page=2" rel="next"`);
    const second = await hr.get(`/hr/dashboard/people?figure=active&department=${org.many.id}&page=2`);
    expect(listedNames(second.text)).toEqual(['Many Person 51', 'Many Person 52', 'Many Person 53', 'Many Person 54', 'Many Person 55']);
    const beyond = await hr.get(`/hr/dashboard/people?figure=active&department=${org.many.id}&page=9`);
    expect(beyond.text).toContain('55 people, page 2 of 2');
    expect(listedNames(beyond.text)).toHaveLength(5);
  });

  it('narrows to one department, and shows an empty one plainly', async () => {
    const alpha = await hr.get(`/hr/dashboard?department=${org.alpha.id}`);
    expect(alpha.status).toBe(200);
    expect(alpha.text).toContain('Programme dashboard: Alpha');
    expect(rowCells(section(alpha.text, 'completion'), 'Alpha')).toEqual(['6', '3', '50%']);
    for (const key of ['completion', 'onboarding', 'overdue', 'hours']) {
      expect(section(alpha.text, key)).not.toContain('Beta');
      expect(section(alpha.text, key)).not.toContain('All departments');
    }

    const gamma = await hr.get(`/hr/dashboard?department=${org.gamma.id}`);
    expect(rowCells(section(gamma.text, 'onboarding'), 'Gamma')).toEqual(['0', '0', '–']);
    const nobody = await hr.get(`/hr/dashboard/people?figure=overdue&department=${org.gamma.id}`);
    expect(nobody.text).toContain('Nobody is behind this figure.');
  });

  it('answers 404 for a department, figure or table that does not exist', async () => {
    expect((await hr.get('/hr/dashboard?department=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await hr.get('/hr/dashboard?department=engineering')).status).toBe(404);
    expect((await hr.get('/hr/dashboard/people?figure=everyone')).status).toBe(404);
    expect((await hr.get('/hr/dashboard/people?figure=hours&week=June')).status).toBe(404);
    expect((await hr.get('/hr/dashboard/salaries.csv')).status).toBe(404);
  });
});

describe('the CSV export of each table', () => {
  it('holds the table as shown, with the total', async () => {
    const csv = await hr.get('/hr/dashboard/completion.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('completion-2027-06-16.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Department,Active employees,Completed a rotation,Share (%)');
    expect(lines).toContain('Alpha,6,3,50');
    expect(lines).toContain('Gamma,0,0,');
    expect(lines[lines.length - 1]).toBe('All departments,69,4,5.8');

    const hours = await hr.get(`/hr/dashboard/hours.csv?department=${org.beta.id}`);
    const hourLines = hours.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(hourLines[0]).toBe(`Department,${Array.from({ length: 12 }, (_, index) => `2027-W${String(13 + index).padStart(2, '0')}`).join(',')},Total`);
    expect(hourLines.slice(1)).toEqual(['Beta,0,0,0,0,0,0,0,0,0,0,8,3.5,11.5']);
  });

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    const csv = await hr.get('/hr/dashboard/overdue.csv');
    expect(csv.text).toContain("'=Office,4,0,0");
    expect(csv.text).not.toMatch(/^=Office/m);
  });
});

describe('who may see it', () => {
  it('refuses employees and heads', async () => {
    const employee = await signIn(t.app, org.people.ada.email);
    const head = await signIn(t.app, org.headOfAlpha.email);
    for (const agent of [employee, head]) {
      for (const path of ['/hr/dashboard', '/hr/dashboard/people?figure=active', '/hr/dashboard/completion.csv']) {
        expect((await agent.get(path)).status).toBe(403);
      }
    }
  });
});
