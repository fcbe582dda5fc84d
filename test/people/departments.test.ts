import { buildDepartment, buildEmployee, buildHead, buildHr } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hr: Agent;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
  token = await csrfTokenFrom(hr, '/hr/departments');
});
afterAll(() => t.close());

const post = (path: string, fields: Record<string, string> = {}) => hr.post(path).type('form').send({ _csrf: token, ...fields });
const rolesOf = async (id: string): Promise<string[]> => (await t.dataSource.query('SELECT roles FROM employees WHERE id = $1', [id]))[0].roles.sort();
const auditOf = (id: string): Promise<{ action: string; before: unknown; after: unknown }[]> =>
  t.dataSource.query('SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [id]);

describe('the departments page', () => {
  it('lists departments with their headcount of people employed today, and their heads', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Billing Operations' });
    await buildEmployee(t.dataSource, { departmentId: department.id });
    await buildEmployee(t.dataSource, { departmentId: department.id });
    await buildEmployee(t.dataSource, { departmentId: department.id, terminationDate: '2020-01-31', hireDate: '2019-01-01' });
    await buildEmployee(t.dataSource, { departmentId: department.id, hireDate: '2099-01-01' });
    await buildHead(t.dataSource, { heads: [department], fullName: 'Hedda Head' });

    const page = await hr.get('/hr/departments');
    expect(page.status).toBe(200);
    const row = page.text.slice(page.text.indexOf('Billing Operations'));
    expect(row).toMatch(/Billing Operations<\/a><\/td>\s*<td>3<\/td>\s*<td>Hedda Head<\/td>/);
  });

  it('creates a department and records it in the audit log', async () => {
    const response = await post('/hr/departments', { name: '  Field Service  ' });
    expect(response.status).toBe(303);
    const [created] = await t.dataSource.query(`SELECT id FROM departments WHERE name = 'Field Service'`);
    expect(response.headers.location).toBe(`/hr/departments/${created.id}`);
    expect(await auditOf(created.id)).toEqual([{ action: 'created', before: null, after: { name: 'Field Service' } }]);
    expect((await hr.get('/hr/departments')).text).toContain('Field Service');
  });

  it('refuses a name already taken in another case, showing the form again', async () => {
    await buildDepartment(t.dataSource, { name: 'Logistics' });
    const response = await post('/hr/departments', { name: 'LOGISTICS' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('There is already a department called LOGISTICS');
    expect(response.text).toContain('value="LOGISTICS"');
    expect(await t.dataSource.query(`SELECT 1 FROM departments WHERE lower(name) = 'logistics'`)).toHaveLength(1);
  });

  it('refuses an empty name', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM departments');
    const response = await post('/hr/departments', { name: '   ' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter a department name');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM departments')).toEqual(before);
  });

  it('renames a department, keeping the old name in the audit log', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Warehouse' });
    expect((await post(`/hr/departments/${department.id}/name`, { name: 'Distribution' })).status).toBe(303);
    expect((await hr.get(`/hr/departments/${department.id}`)).text).toContain('<h1>Distribution');
    expect(await auditOf(department.id)).toEqual([{ action: 'renamed', before: { name: 'Warehouse' }, after: { name: 'Distribution' } }]);
  });

  it('refuses renaming to another department’s name', async () => {
    await buildDepartment(t.dataSource, { name: 'Research' });
    const department = await buildDepartment(t.dataSource, { name: 'Development' });
    const response = await post(`/hr/departments/${department.id}/name`, { name: 'research' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('There is already a department called research');
    expect((await t.dataSource.query('SELECT name FROM departments WHERE id = $1', [department.id]))[0].name).toBe('Development');
    expect(await auditOf(department.id)).toEqual([]);
  });

  it('archives and unarchives a department', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Legacy Products' });
    expect((await post(`/hr/departments/${department.id}/archive`)).status).toBe(303);
    expect((await hr.get('/hr/departments')).text).toMatch(/Legacy Products[\s\S]*?Archived/);
    expect((await post(`/hr/departments/${department.id}/unarchive`)).status).toBe(303);
    const [row] = await t.dataSource.query('SELECT archived_at FROM departments WHERE id = $1', [department.id]);
    expect(row.archived_at).toBeNull();
    expect((await auditOf(department.id)).map((entry) => entry.action)).toEqual(['archived', 'unarchived']);
  });

  it('answers 404 for a department that does not exist or a malformed id', async () => {
    expect((await hr.get('/hr/departments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await hr.get('/hr/departments/not-an-id')).status).toBe(404);
    expect((await post('/hr/departments/not-an-id/archive')).status).toBe(404);
  });
});

describe('department heads', () => {
  it('gives a new head the head role and takes it away when they head nothing else', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Quality' });
    const other = await buildDepartment(t.dataSource);
    const first = await buildEmployee(t.dataSource, { fullName: 'Ada First' });
    const second = await buildEmployee(t.dataSource, { fullName: 'Bo Second' });
    const alsoElsewhere = await buildHead(t.dataSource, { heads: [other], fullName: 'Cy Elsewhere' });

    const response = await post(`/hr/departments/${department.id}/heads`, {
      heads: `${first.email.toUpperCase()}\n${second.email}, ${alsoElsewhere.email}`,
    });
    expect(response.status).toBe(303);
    expect(await rolesOf(first.id)).toEqual(['employee', 'head']);
    expect(await rolesOf(second.id)).toEqual(['employee', 'head']);
    const page = await hr.get(`/hr/departments/${department.id}`);
    expect(page.text).toContain('Ada First');
    expect(page.text).toContain('Bo Second');

    expect((await post(`/hr/departments/${department.id}/heads`, { heads: second.email })).status).toBe(303);
    expect(await rolesOf(first.id)).toEqual(['employee']);
    expect(await rolesOf(second.id)).toEqual(['employee', 'head']);
    expect(await rolesOf(alsoElsewhere.id)).toEqual(['employee', 'head']);

    const changes = await auditOf(department.id);
    expect(changes.map((entry) => entry.action)).toEqual(['heads-changed', 'heads-changed']);
    expect(changes[1].after).toEqual({ heads: [`Bo Second <${second.email}>`] });
    expect((await auditOf(first.id)).map((entry) => [entry.action, entry.after])).toEqual([
      ['roles-changed', { roles: ['head', 'employee'] }],
      ['roles-changed', { roles: ['employee'] }],
    ]);
  });

  it('refuses unknown emails and people who have left, changing nothing', async () => {
    const department = await buildDepartment(t.dataSource);
    const leaver = await buildEmployee(t.dataSource, { fullName: 'Lee Leaver', hireDate: '2019-01-01', terminationDate: '2020-01-31' });

    const unknown = await post(`/hr/departments/${department.id}/heads`, { heads: 'nobody@example.test' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('No employee has the work email nobody@example.test');
    expect(unknown.text).toContain('nobody@example.test</textarea>');

    const gone = await post(`/hr/departments/${department.id}/heads`, { heads: leaver.email });
    expect(gone.status).toBe(422);
    expect(gone.text).toContain('Lee Leaver no longer works here');

    const malformed = await post(`/hr/departments/${department.id}/heads`, { heads: 'not-an-email' });
    expect(malformed.status).toBe(422);
    expect(malformed.text).toContain('Not a work email: not-an-email');

    expect(await t.dataSource.query('SELECT 1 FROM department_heads WHERE department_id = $1', [department.id])).toEqual([]);
    expect(await rolesOf(leaver.id)).toEqual(['employee']);
    expect(await auditOf(department.id)).toEqual([]);
  });
});
