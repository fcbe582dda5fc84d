import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildProgramme, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { detailsOf, listedNames, rowCells, section } from './page-reading';
import { fixTheClock, restoreTheClock, seedOrganisation, type SeededOrganisation } from './seeded-organisation';

let t: TestApp;
let org: SeededOrganisation;
let headOfAlpha: Agent;
beforeAll(async () => {
  fixTheClock();
  t = await startTestApp();
  org = await seedOrganisation(t.dataSource);
  headOfAlpha = await signIn(t.app, org.headOfAlpha.email);
});
afterAll(async () => {
  restoreTheClock();
  await t.close();
});

/** The away-on-rotation table's rows, as "name · status". */
function awayRows(html: string): string[] {
  const start = html.indexOf('<table class="away-list">');
  if (start < 0) return [];
  const body = html.slice(html.indexOf('<tbody>', start), html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr><td>([^<]+)<\/td>(?:<td>[^<]*<\/td>){5}<td>([^<]+)<\/td><\/tr>/g)].map((row) => `${row[1]} · ${row[2]}`);
}

describe("a head's dashboard", () => {
  it('shows the figures of the departments they head, and no others', async () => {
    const page = await headOfAlpha.get('/head/dashboard');
    expect(page.status).toBe(200);
    const completion = section(page.text, 'completion');
    expect(rowCells(completion, 'Alpha')).toEqual(['6', '3', '50%']);
    expect(rowCells(completion, 'Gamma')).toEqual(['0', '0', '–']);
    expect(rowCells(completion, 'All my departments')).toEqual(['6', '3', '50%']);
    expect(rowCells(section(page.text, 'overdue'), 'Alpha')).toEqual(['6', '2', '33.3%']);
    for (const key of ['completion', 'onboarding', 'overdue', 'hours']) expect(section(page.text, key)).not.toContain('Beta');
    expect(page.text).not.toContain('Ivy Beta');
  });

  it('shows who from their departments is away on rotation this week', async () => {
    expect(awayRows((await headOfAlpha.get('/head/dashboard')).text)).toEqual(['Fay Alpha · Scheduled']);
    const headOfBeta = await signIn(t.app, org.headOfBeta.email);
    expect(awayRows((await headOfBeta.get('/head/dashboard')).text)).toEqual(['Ivy Beta · In progress']);
    const gamma = await headOfAlpha.get(`/head/dashboard?department=${org.gamma.id}`);
    expect(gamma.text).toContain('Nobody from Gamma is on rotation this week.');
  });

  it('drills down to the people of their own departments, without links to HR’s profiles', async () => {
    const overdue = await headOfAlpha.get('/head/dashboard/people?figure=overdue');
    expect(overdue.status).toBe(200);
    expect(listedNames(overdue.text)).toEqual(['Bo Alpha', 'Cy Alpha']);
    expect(overdue.text).not.toContain('/hr/employees/');
    const csv = await headOfAlpha.get(`/head/dashboard/onboarding.csv?department=${org.alpha.id}`);
    expect(csv.status).toBe(200);
    expect(csv.text.replace(/^\uFEFF/, '').trim().split('\n')).toEqual(['Department,New hires,Started within the window,Share (%)', 'Alpha,3,1,33.3']);
  });

  it("refuses another department's figures", async () => {
    const beta = org.beta.id;
    for (const path of [`/head/dashboard?department=${beta}`, `/head/dashboard/people?figure=active&department=${beta}`, `/head/dashboard/hours.csv?department=${beta}`]) {
      const response = await headOfAlpha.get(path);
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('Ivy Beta');
    }
  });

  it('tells a head of no department that there is nothing to show', async () => {
    const nobody = await signIn(t.app, org.headOfNothing.email);
    const page = await nobody.get('/head/dashboard');
    expect(page.status).toBe(200);
    expect(page.text).toContain('you do not head any department');
    expect(page.text).not.toContain('<svg');
  });

  it('is closed to employees and HR', async () => {
    const employee = await signIn(t.app, org.people.ivy.email);
    const hr = await signIn(t.app, org.hr.email);
    for (const agent of [employee, hr]) {
      for (const path of ['/head/dashboard', '/head/dashboard/people?figure=active', '/head/dashboard/completion.csv']) {
        expect((await agent.get(path)).status).toBe(403);
      }
    }
  });
});

describe('a head with many people away this week', () => {
  const awayCount = 55;
  const crowdName = (n: number) => `Crowd Person ${String(n).padStart(2, '0')}`;
  let headOfCrowd: Agent;

  beforeAll(async () => {
    const crowd = await buildDepartment(t.dataSource, { name: 'Crowd' });
    const site = await buildSite(t.dataSource, { name: 'Lisbon', timeZone: 'Europe/Lisbon', countryCode: 'PT' });
    const desk = await buildDesk(t.dataSource, { siteId: site.id, name: 'Lisbon chat' });
    const programme = await buildProgramme(t.dataSource, { name: 'Crowd rotation', lengthWeeks: 2, departmentIds: [crowd.id] });
    const person = (fullName: string) => buildEmployee(t.dataSource, { fullName, departmentId: crowd.id, siteId: site.id, hireDate: '2020-03-02' });
    const rotation = (employeeId: string, firstWeek: string, status: 'scheduled' | 'in-progress' | 'deferred') =>
      buildAssignment(t.dataSource, { employeeId, programmeId: programme.id, deskId: desk.id, firstWeek, weeks: 2, status });
    for (let n = awayCount; n >= 1; n--) {
      const employee = await person(crowdName(n));
      await (n % 2 ? rotation(employee.id, '2027-W24', 'scheduled') : rotation(employee.id, '2027-W23', 'in-progress'));
    }
    await rotation((await person('Crowd Later')).id, '2027-W30', 'scheduled');
    await rotation((await person('Crowd Deferred')).id, '2027-W24', 'deferred');
    const head = await buildHead(t.dataSource, { fullName: 'Cleo Head', departmentId: org.office.id, siteId: site.id, heads: [crowd] });
    headOfCrowd = await signIn(t.app, head.email);
  });

  it('shows how many, the first 20 by name, and a link to all of them', async () => {
    const page = await headOfCrowd.get('/head/dashboard');
    expect(page.status).toBe(200);
    expect(awayRows(page.text)).toEqual(Array.from({ length: 20 }, (_, index) => `${crowdName(index + 1)} · ${index % 2 ? 'In progress' : 'Scheduled'}`));
    expect(page.text).toContain(`${awayCount} people from Crowd are on rotation this week`);
    expect(page.text).toContain(`<a href="/head/dashboard/people?figure=away">See all ${awayCount}</a>`);
  });

  it('lists all of them, page by page, with their rotation', async () => {
    const first = await headOfCrowd.get('/head/dashboard/people?figure=away');
    expect(first.status).toBe(200);
    expect(first.text).toContain(`${awayCount} people, page 1 of 2`);
    expect(first.text).toContain('href="/head/dashboard/people?figure=away&amp;page=2" rel="next"');
    const second = await headOfCrowd.get('/head/dashboard/people?figure=away&page=2');
    const everyone = Array.from({ length: awayCount }, (_, index) => crowdName(index + 1));
    expect(listedNames(first.text)).toEqual(everyone.slice(0, 50));
    expect(listedNames(second.text)).toEqual(everyone.slice(50));
    expect(detailsOf(first.text, crowdName(1))).toBe('Crowd rotation at Lisbon chat, 2027-06-14 to 2027-06-27, scheduled');
    expect(detailsOf(first.text, crowdName(2))).toBe('Crowd rotation at Lisbon chat, 2027-06-07 to 2027-06-20, in progress');
  });

  it('keeps them from the heads of other departments, and the list from HR', async () => {
    const alphaList = await headOfAlpha.get('/head/dashboard/people?figure=away');
    expect(alphaList.status).toBe(200);
    expect(listedNames(alphaList.text)).toEqual(['Fay Alpha']);
    const alphaDashboard = await headOfAlpha.get('/head/dashboard');
    expect(alphaDashboard.text).toContain('1 person from your departments is on rotation this week.');
    expect(alphaDashboard.text).not.toContain('See all');
    expect(alphaDashboard.text).not.toContain('Crowd Person');
    const hr = await signIn(t.app, org.hr.email);
    expect((await hr.get('/hr/dashboard/people?figure=away')).status).toBe(404);
  });
});

describe('the navigation', () => {
  it('offers the dashboard to heads and HR, and their progress to employees', async () => {
    const headHome = await headOfAlpha.get('/head');
    expect(headHome.text).toContain('<a href="/head/dashboard"');
    const hrHome = await (await signIn(t.app, org.hr.email)).get('/hr');
    expect(hrHome.text).toContain('<a href="/hr/dashboard"');
    const employeeHome = await (await signIn(t.app, org.people.ada.email)).get('/me');
    expect(employeeHome.text).toContain('<a href="/me/progress"');
    expect(employeeHome.text).not.toContain('/hr/dashboard');
  });
});
