import { buildDepartment, buildEmployee, buildHead, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the people and audit pages are for HR only', () => {
  it.each(['employee', 'head'] as const)('refuses a %s every page and every form, changing nothing', async (role) => {
    const department = await buildDepartment(t.dataSource, { name: `Untouched ${role}` });
    const site = await buildSite(t.dataSource, { name: `Untouched site ${role}` });
    const target = await buildEmployee(t.dataSource, { fullName: `Untouched person ${role}`, departmentId: department.id, siteId: site.id });
    const person = role === 'head' ? await buildHead(t.dataSource) : await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, person.email);
    const token = await csrfTokenFrom(agent, '/me');
    const auditEntriesBefore = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');

    const pages = [
      '/hr/employees',
      '/hr/employees/new',
      `/hr/employees/${target.id}`,
      `/hr/employees/${target.id}/edit`,
      '/hr/departments',
      `/hr/departments/${department.id}`,
      '/hr/sites',
      `/hr/sites/${site.id}`,
      '/hr/audit',
    ];
    for (const path of pages) {
      const response = await agent.get(path);
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.text).toContain('Your roles do not give access to this page.');
    }

    const forms: [string, Record<string, string>][] = [
      ['/hr/employees', { fullName: 'Sneaky', email: 'sneaky@example.test', departmentId: department.id, siteId: site.id, jobTitle: 'x', hireDate: '2025-01-01' }],
      [`/hr/employees/${target.id}`, { fullName: 'Renamed', email: target.email, departmentId: department.id, siteId: site.id, jobTitle: 'x', hireDate: '2025-01-01', version: '1' }],
      [`/hr/employees/${target.id}/deactivate`, { terminationDate: '2025-01-01', version: '1' }],
      [`/hr/employees/${target.id}/reactivate`, { version: '1' }],
      ['/hr/departments', { name: 'Sneaky department' }],
      [`/hr/departments/${department.id}/name`, { name: 'Renamed department' }],
      [`/hr/departments/${department.id}/heads`, { heads: person.email }],
      [`/hr/departments/${department.id}/archive`, {}],
      [`/hr/departments/${department.id}/unarchive`, {}],
      ['/hr/sites', { name: 'Sneaky site', timeZone: 'Europe/Berlin', countryCode: 'DE' }],
      [`/hr/sites/${site.id}`, { name: 'Renamed site', timeZone: 'Europe/Berlin', countryCode: 'DE' }],
    ];
    for (const [path, fields] of forms) {
      const response = await agent.post(path).type('form').send({ _csrf: token, ...fields });
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.text).toContain('Your roles do not give access to this page.');
    }

    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log')).toEqual(auditEntriesBefore);
    expect(await t.dataSource.query('SELECT full_name, version FROM employees WHERE id = $1', [target.id])).toEqual([{ full_name: `Untouched person ${role}`, version: 1 }]);
    expect(await t.dataSource.query('SELECT name, archived_at FROM departments WHERE id = $1', [department.id])).toEqual([{ name: `Untouched ${role}`, archived_at: null }]);
    expect(await t.dataSource.query('SELECT 1 FROM department_heads WHERE department_id = $1', [department.id])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM sites WHERE name IN ('Sneaky site', 'Renamed site')`)).toEqual([]);
  });
});
