import { parse } from 'csv-parse/sync';
import { buildDepartment, buildEmployee, buildHead, buildHr, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { applyPreview, figuresOn, header, previewCsv } from './import-requests';

let t: TestApp;
let hr: Agent;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

async function exported(query = ''): Promise<{ text: string; records: Record<string, string>[] }> {
  const response = await hr.get(`/hr/employees/export.csv${query}`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/csv/);
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?employees-\d{4}-\d{2}-\d{2}\.csv/);
  return { text: response.text, records: parse(response.text, { bom: true, columns: true }) };
}

describe('exporting employees as CSV', () => {
  it('writes the import’s columns, and the export re-imports as all unchanged', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Export, Sales & "Deals"' });
    const site = await buildSite(t.dataSource);
    await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id, email: 'exported.one@example.test', roles: ['hr'], terminationDate: '2027-03-31' });
    const { text, records } = await exported();
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(header.join(','));
    expect(records.find((record) => record.email === 'exported.one@example.test')).toMatchObject({
      department: 'Export, Sales & "Deals"',
      site: site.name,
      hire_date: '2024-01-15',
      termination_date: '2027-03-31',
      roles: 'hr;employee',
    });

    const previewPath = await previewCsv(hr, text);
    expect(figuresOn((await hr.get(previewPath)).text)).toEqual({ 'New people': 0, Updated: 0, Unchanged: records.length, 'Invalid lines': 0 });
  });

  it('neutralises cells a spreadsheet would run as formulas, and re-imports them as they were', async () => {
    const department = await buildDepartment(t.dataSource, { name: '@Risky department' });
    const site = await buildSite(t.dataSource, { name: '-Risky site' });
    const risky = await buildEmployee(t.dataSource, {
      departmentId: department.id,
      siteId: site.id,
      fullName: '=HYPERLINK("http://evil.example","Click")',
      jobTitle: '+1 analyst',
      email: 'risky.cells@example.test',
    });
    const { text, records } = await exported('?search=risky.cells');
    expect(records).toEqual([
      expect.objectContaining({
        full_name: `'=HYPERLINK("http://evil.example","Click")`,
        department: "'@Risky department",
        site: "'-Risky site",
        job_title: "'+1 analyst",
      }),
    ]);
    const previewPath = await previewCsv(hr, text);
    expect(figuresOn((await hr.get(previewPath)).text)).toEqual({ 'New people': 0, Updated: 0, Unchanged: 1, 'Invalid lines': 0 });
    await applyPreview(hr, previewPath);
    const [stored] = await t.dataSource.query('SELECT full_name AS "fullName", job_title AS "jobTitle" FROM employees WHERE id = $1', [risky.id]);
    expect(stored).toEqual({ fullName: risky.fullName, jobTitle: '+1 analyst' });
  });

  it('honours the employee list’s filters', async () => {
    const wanted = await buildDepartment(t.dataSource);
    const other = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const current = await buildEmployee(t.dataSource, { departmentId: wanted.id, siteId: site.id, fullName: 'Filter Zebra Current' });
    const leaver = await buildEmployee(t.dataSource, { departmentId: wanted.id, siteId: site.id, fullName: 'Filter Zebra Leaver', terminationDate: '2025-01-31' });
    await buildEmployee(t.dataSource, { departmentId: other.id, siteId: site.id, fullName: 'Filter Zebra Elsewhere' });

    const byDepartment = await exported(`?department=${wanted.id}`);
    expect(byDepartment.records.map((record) => record.email).sort()).toEqual([current.email, leaver.email].sort());

    const active = await exported(`?department=${wanted.id}&status=active`);
    expect(active.records.map((record) => record.email)).toEqual([current.email]);

    const searched = await exported('?search=filter%20zebra');
    expect(searched.records).toHaveLength(3);
    const bySite = await exported(`?site=${site.id}&search=zebra%20leaver`);
    expect(bySite.records.map((record) => record.full_name)).toEqual(['Filter Zebra Leaver']);
  });

  it('streams a large list in chunks without losing or repeating anyone', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    await t.dataSource.query(
      `INSERT INTO employees (full_name, email, department_id, site_id, job_title, hire_date)
       SELECT 'Bulk Person ' || n, 'bulk.' || n || '@example.test', $1, $2, 'Clerk', '2025-01-01' FROM generate_series(1, 12000) AS n`,
      [department.id, site.id],
    );
    const { records } = await exported(`?department=${department.id}`);
    expect(records).toHaveLength(12000);
    expect(new Set(records.map((record) => record.email)).size).toBe(12000);
  });

  it('is for HR only', async () => {
    for (const person of [await buildEmployee(t.dataSource), await buildHead(t.dataSource)]) {
      const agent = await signIn(t.app, person.email);
      expect((await agent.get('/hr/employees/export.csv')).status).toBe(403);
    }
  });
});
