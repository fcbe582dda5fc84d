import { buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme } from '../support/factories';
import { registeredRoutes } from '../support/routes';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { postForm } from './forms';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const isRotationPage = (path: string) => ['/hr/desks', '/hr/programmes', '/hr/limits'].some((prefix) => path.startsWith(prefix));

/** Every desk, programme and limits route, with its parameters filled in with rows that exist. */
async function rotationRoutes() {
  const department = await buildDepartment(t.dataSource);
  const desk = await buildDesk(t.dataSource);
  const programme = await buildProgramme(t.dataSource);
  const person = await buildEmployee(t.dataSource);
  await t.dataSource.query(`INSERT INTO programme_exemptions (programme_id, employee_id, reason) VALUES ($1, $2, 'On leave')`, [programme.id, person.id]);
  const routes = registeredRoutes(t.app).filter((route) => isRotationPage(route.path));
  return routes.map((route) => ({
    method: route.method,
    path: route.path
      .replace(':departmentId', department.id)
      .replace(':employeeId', person.id)
      .replace(':id', route.path.startsWith('/hr/desks') ? desk.id : programme.id),
  }));
}

const everyField = { name: 'Changed', week: '2027-W05', capacity: '1', maxSharePercent: '50', email: 'x@example.test', reason: 'Because' };

describe('who may use the desk, programme and limits pages', () => {
  it('lets HR open every page', async () => {
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    const pages = (await rotationRoutes()).filter((route) => route.method === 'GET');
    expect(pages.map((page) => page.path)).toEqual(expect.arrayContaining(['/hr/desks', '/hr/desks/new', '/hr/programmes', '/hr/programmes/new', '/hr/limits']));
    for (const page of pages) expect([page.path, (await hr.get(page.path)).status]).toEqual([page.path, 200]);
  });

  it.each([
    ['an employee', 'employee'],
    ['a head', 'head'],
  ] as const)('refuses every page and every form to %s with 403, and nothing changes', async (_, role) => {
    const person = role === 'head' ? await buildHead(t.dataSource) : await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, person.email);
    const routes = await rotationRoutes();
    expect(routes.filter((route) => route.method === 'POST').length).toBeGreaterThanOrEqual(15);
    const changes = () => t.dataSource.query(`SELECT (SELECT count(*) FROM audit_log)::int AS audited, (SELECT count(*) FROM programme_exemptions)::int AS exemptions`);
    const before = await changes();
    for (const route of routes) {
      const response = route.method === 'GET' ? await agent.get(route.path) : await postForm(agent, route.path, everyField);
      expect([route.method, route.path, response.status]).toEqual([route.method, route.path, 403]);
      expect(response.text).toContain('Your roles do not give access to this page.');
    }
    expect(await changes()).toEqual(before);
  });
});
