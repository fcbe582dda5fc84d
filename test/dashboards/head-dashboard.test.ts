import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { listedNames, rowCells, section } from './page-reading';
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
