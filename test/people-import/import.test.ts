import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { applyPreview, csvOf, figuresOn, header, previewCsv, uploadCsv } from './import-requests';

let t: TestApp;
let hr: Agent;
let hrId: string;
beforeAll(async () => {
  t = await startTestApp();
  const person = await buildHr(t.dataSource);
  hrId = person.id;
  hr = await signIn(t.app, person.email);
});
afterAll(() => t.close());

async function employeeByEmail(email: string) {
  const [employee] = await t.dataSource.query(
    `SELECT e.id, e.full_name AS "fullName", d.name AS department, s.name AS site, e.job_title AS "jobTitle", e.hire_date::text AS "hireDate",
            e.termination_date::text AS "terminationDate", e.roles, e.version
       FROM employees e JOIN departments d ON d.id = e.department_id JOIN sites s ON s.id = e.site_id WHERE e.email = $1`,
    [email],
  );
  return employee;
}

async function auditEntriesFor(entityId: string) {
  return t.dataSource.query('SELECT action, actor_name AS "actorName", before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [entityId]);
}

const countOf = async (sql: string, parameters: unknown[] = []) => (await t.dataSource.query(sql, parameters))[0].count as number;

describe('previewing and applying a valid file', () => {
  it('shows what would change, saves nothing until applied, then creates and updates people with audit entries', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Valid Engineering' });
    const site = await buildSite(t.dataSource, { name: 'Valid Berlin' });
    const known = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id, jobTitle: 'Analyst', hireDate: '2024-01-15' });
    const steady = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id, jobTitle: 'Analyst', hireDate: '2024-01-15' });
    const csv = csvOf([
      header,
      ['Ada Valid', 'ada.valid@example.test', 'valid engineering', 'VALID BERLIN', 'Engineer', '2026-03-01', '', 'hr;employee'],
      ['Bob Valid', 'Bob.Valid@Example.test', 'Valid Engineering', 'Valid Berlin', 'Designer', '2025-02-01', '2026-12-31', ''],
      [known.fullName, known.email.toUpperCase(), department.name, site.name, 'Senior Analyst', '2024-01-15', '', 'employee'],
      [steady.fullName, steady.email, department.name, site.name, 'Analyst', '2024-01-15', '', 'employee'],
    ]);

    const previewPath = await previewCsv(hr, csv);
    const preview = await hr.get(previewPath);
    expect(preview.status).toBe(200);
    expect(figuresOn(preview.text)).toEqual({ 'New people': 2, Updated: 1, Unchanged: 1, 'Invalid lines': 0 });
    expect(preview.text).toContain('Apply: create 2 and update 1');
    expect(await employeeByEmail('ada.valid@example.test')).toBeUndefined();
    expect((await employeeByEmail(known.email)).jobTitle).toBe('Analyst');

    const applied = await applyPreview(hr, previewPath);
    expect(applied.status).toBe(303);
    expect(applied.headers.location).toBe(previewPath);
    const outcome = await hr.get(previewPath);
    expect(outcome.text).toContain('What the import did');
    expect(figuresOn(outcome.text)).toEqual({ 'New people': 2, Updated: 1, Unchanged: 1 });
    expect(outcome.text).not.toContain('Apply:');

    const ada = await employeeByEmail('ada.valid@example.test');
    expect(ada).toMatchObject({
      fullName: 'Ada Valid',
      department: 'Valid Engineering',
      site: 'Valid Berlin',
      jobTitle: 'Engineer',
      hireDate: '2026-03-01',
      terminationDate: null,
      roles: ['hr', 'employee'],
    });
    expect(await employeeByEmail('bob.valid@example.test')).toMatchObject({ terminationDate: '2026-12-31', roles: ['employee'] });
    expect(await employeeByEmail(known.email)).toMatchObject({ jobTitle: 'Senior Analyst', version: known.version + 1 });

    const [created] = await auditEntriesFor(ada.id);
    expect(created).toMatchObject({ action: 'imported-created', after: expect.objectContaining({ email: 'ada.valid@example.test', department: 'Valid Engineering' }) });
    expect(await auditEntriesFor(known.id)).toEqual([
      expect.objectContaining({ action: 'imported-updated', before: { jobTitle: 'Analyst' }, after: { jobTitle: 'Senior Analyst' } }),
    ]);
    expect(await auditEntriesFor(steady.id)).toEqual([]);
  });

  it('matches column names in any case and spelling, in any order, and ignores unknown columns', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const csv = csvOf([
      ['E-Mail', 'FULL NAME', 'Site', 'DEPARTMENT', 'Job Title', 'Hire_Date', 'Payroll number'],
      ['case.header@example.test', 'Case Header', site.name, department.name, 'Clerk', '2025-05-05', 'P-1234'],
    ]);
    const previewPath = await previewCsv(hr, csv);
    const preview = await hr.get(previewPath);
    expect(figuresOn(preview.text)).toMatchObject({ 'New people': 1, 'Invalid lines': 0 });
    expect(preview.text).toContain('Payroll number');
    expect((await applyPreview(hr, previewPath)).status).toBe(303);
    expect(await employeeByEmail('case.header@example.test')).toMatchObject({ fullName: 'Case Header', jobTitle: 'Clerk', roles: ['employee'] });
  });

  it('reads dates in the organisation’s format as well as ISO, and semicolon-separated files with a byte order mark', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const lines = [
      'full_name;email;department;site;job_title;hire_date;termination_date',
      `Date Person;date.person@example.test;${department.name};${site.name};Clerk;31/01/2026;28/02/2027`,
    ];
    const previewPath = await previewCsv(hr, `\uFEFF${lines.join('\n')}\n`);
    expect(figuresOn((await hr.get(previewPath)).text)).toMatchObject({ 'New people': 1, 'Invalid lines': 0 });
    await applyPreview(hr, previewPath);
    expect(await employeeByEmail('date.person@example.test')).toMatchObject({ hireDate: '2026-01-31', terminationDate: '2027-02-28' });
  });

  it('keeps known people’s termination dates and roles when the file has no such columns', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const leaver = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id, terminationDate: '2026-06-30', roles: ['hr'] });
    const csv = csvOf([
      ['full_name', 'email', 'department', 'site', 'job_title', 'hire_date'],
      [leaver.fullName, leaver.email, department.name, site.name, 'New Title', leaver.hireDate],
    ]);
    const previewPath = await previewCsv(hr, csv);
    expect(figuresOn((await hr.get(previewPath)).text)).toMatchObject({ Updated: 1 });
    await applyPreview(hr, previewPath);
    expect(await employeeByEmail(leaver.email)).toMatchObject({ jobTitle: 'New Title', terminationDate: '2026-06-30', roles: ['hr', 'employee'] });
  });
});

describe('a file with invalid rows', () => {
  it('lists each problem with its line, column and message, refuses to apply, and saves nothing', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const csv = csvOf([
      header,
      ['Good Row', 'good.row@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      ['', 'no.name@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      ['Bad Email', 'not-an-email', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      ['Bad Date', 'bad.date@example.test', department.name, site.name, 'Clerk', '2025-13-45', '', ''],
      ['Early End', 'early.end@example.test', department.name, site.name, 'Clerk', '2025-06-01', '2025-05-01', ''],
      ['Unknown Place', 'unknown.place@example.test', 'No Such Department', site.name, 'Clerk', '2025-01-01', '', ''],
      ['Bad Role', 'bad.role@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', 'boss'],
    ]);
    const previewPath = await previewCsv(hr, csv);
    const preview = await hr.get(previewPath);
    expect(figuresOn(preview.text)).toMatchObject({ 'New people': 1, 'Invalid lines': 6 });
    expect(preview.text).toContain('Nothing can be imported from this file yet');
    const rows = [...preview.text.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map(([, line, column, message]) => ({
      line: Number(line),
      column,
      message,
    }));
    expect(rows).toEqual([
      { line: 3, column: 'full_name', message: 'Enter a full name' },
      { line: 4, column: 'email', message: 'Enter an email like name@example.com' },
      { line: 5, column: 'hire_date', message: 'Enter the hire date as a date (YYYY-MM-DD or DD/MM/YYYY)' },
      { line: 6, column: 'termination_date', message: 'The termination date cannot be before the hire date' },
      { line: 7, column: 'department', message: expect.stringContaining('No department is named “No Such Department”') },
      { line: 8, column: 'roles', message: 'Unknown role boss: use hr, head or employee' },
    ]);
    expect(preview.text).not.toContain('Apply:');

    const refused = await applyPreview(hr, previewPath);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Nothing can be imported from a file with invalid rows');
    expect(await employeeByEmail('good.row@example.test')).toBeUndefined();
  });

  it('names the first line of an email that appears again, in any case', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const csv = csvOf([
      header,
      ['Twin One', 'twin@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      ['Other', 'other.twin@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      ['Twin Two', 'TWIN@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      ['Twin Three', 'twin@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
    ]);
    const preview = await hr.get(await previewCsv(hr, csv));
    expect(figuresOn(preview.text)).toMatchObject({ 'Invalid lines': 2 });
    expect(preview.text).toContain('<tr><td>4</td><td>email</td><td>twin@example.test is already on line 2; each person may appear once</td></tr>');
    expect(preview.text).toContain('<tr><td>5</td><td>email</td><td>twin@example.test is already on line 2; each person may appear once</td></tr>');
    expect(await employeeByEmail('twin@example.test')).toBeUndefined();
  });

  it('pages a long problem list and offers all of it as a CSV download', async () => {
    const site = await buildSite(t.dataSource);
    const rows = Array.from({ length: 150 }, (_, index) => [`Person ${index}`, `many.${index}@example.test`, '=cmd|calc', site.name, 'Clerk', '2025-01-01', '', '']);
    const previewPath = await previewCsv(hr, csvOf([header, ...rows]));
    const first = await hr.get(previewPath);
    expect(first.text).toContain('Showing 1–100 of 150');
    expect(first.text).toContain('Page 1 of 2');
    const second = await hr.get(`${previewPath}?page=2`);
    expect(second.text).toContain('Showing 101–150 of 150');
    expect(second.text).toContain('<tr><td>151</td>');

    const download = await hr.get(`${previewPath}/problems.csv`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^text\/csv/);
    const records: string[][] = parse(download.text, { bom: true });
    expect(records).toHaveLength(151);
    expect(records[0]).toEqual(['line', 'column', 'message']);
    expect(records[1]).toEqual(['2', 'department', 'No department is named “=cmd|calc”: add it first, or tick “create missing departments and sites”']);
  });

  it('refuses to take the head role from someone who heads a department', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const head = await buildHead(t.dataSource, { heads: [department], siteId: site.id });
    const csv = csvOf([header, [head.fullName, head.email, department.name, site.name, head.jobTitle, head.hireDate, '', 'employee']]);
    const preview = await hr.get(await previewCsv(hr, csv));
    expect(preview.text).toContain(`${head.fullName} heads ${department.name}: choose other heads on the Departments page first`);
    expect((await employeeByEmail(head.email)).roles).toEqual(['employee', 'head']);
  });

  it('refuses to take away the importing person’s own HR role', async () => {
    const [{ email }] = await t.dataSource.query('SELECT email FROM employees WHERE id = $1', [hrId]);
    const me = await employeeByEmail(email);
    const csv = csvOf([header, [me.fullName, email, me.department, me.site, me.jobTitle, me.hireDate, '', 'employee']]);
    const preview = await hr.get(await previewCsv(hr, csv));
    expect(preview.text).toContain('You cannot take away your own HR role');
  });
});

describe('creating missing departments and sites', () => {
  const csvNaming = (department: string, site: string, email: string) =>
    csvOf([header, ['New Place', email, department, site, 'Clerk', '2025-01-01', '', ''], ['Same Place', `same.${email}`, department.toUpperCase(), site, 'Clerk', '2025-01-01', '', '']]);

  it('treats unknown names as problems unless asked to create them', async () => {
    const preview = await hr.get(await previewCsv(hr, csvNaming('Quantum Team', 'Lisbon', 'refused.place@example.test')));
    expect(figuresOn(preview.text)).toMatchObject({ 'Invalid lines': 2 });
    expect(preview.text).toContain('No site is named “Lisbon”');
    expect(await countOf(`SELECT count(*)::int AS count FROM departments WHERE name = 'Quantum Team'`)).toBe(0);
  });

  it('creates each missing department and site once, when applied, with audit entries', async () => {
    const previewPath = await previewCsv(hr, csvNaming('Robotics Lab', 'Porto', 'created.place@example.test'), { createMissing: true });
    const preview = await hr.get(previewPath);
    expect(figuresOn(preview.text)).toMatchObject({ 'New people': 2, 'Invalid lines': 0 });
    expect(preview.text).toContain('Applying creates the departments Robotics Lab.');
    expect(preview.text).toContain('Applying creates the sites Porto');
    expect(await countOf(`SELECT count(*)::int AS count FROM departments WHERE name = 'Robotics Lab'`)).toBe(0);

    expect((await applyPreview(hr, previewPath)).status).toBe(303);
    const [department] = await t.dataSource.query(`SELECT id FROM departments WHERE lower(name) = 'robotics lab'`);
    const [site] = await t.dataSource.query(`SELECT id, time_zone AS "timeZone" FROM sites WHERE name = 'Porto'`);
    expect(site.timeZone).toBe('UTC');
    expect(await employeeByEmail('created.place@example.test')).toMatchObject({ department: 'Robotics Lab', site: 'Porto' });
    expect(await employeeByEmail('same.created.place@example.test')).toMatchObject({ department: 'Robotics Lab', site: 'Porto' });
    expect(await auditEntriesFor(department.id)).toEqual([expect.objectContaining({ action: 'imported-created', after: { name: 'Robotics Lab' } })]);
    expect(await auditEntriesFor(site.id)).toEqual([expect.objectContaining({ action: 'imported-created' })]);
  });
});

describe('importing again', () => {
  it('finds every row unchanged the second time and writes no audit entries', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const csv = csvOf([
      header,
      ['Again One', 'again.one@example.test', department.name, site.name, 'Clerk', '01/02/2025', '', 'employee;hr'],
      ['Again Two', 'again.two@example.test', department.name.toLowerCase(), site.name, 'Clerk', '2025-02-01', '2027-01-01', ''],
    ]);
    await applyPreview(hr, await previewCsv(hr, csv));
    const auditBefore = await countOf('SELECT count(*)::int AS count FROM audit_log');

    const againPath = await previewCsv(hr, csv);
    expect(figuresOn((await hr.get(againPath)).text)).toEqual({ 'New people': 0, Updated: 0, Unchanged: 2, 'Invalid lines': 0 });
    await applyPreview(hr, againPath);
    expect(figuresOn((await hr.get(againPath)).text)).toEqual({ 'New people': 0, Updated: 0, Unchanged: 2 });
    expect(await countOf('SELECT count(*)::int AS count FROM audit_log')).toBe(auditBefore);
  });

  it('refuses to apply the same preview twice', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const previewPath = await previewCsv(hr, csvOf([header, ['Twice', 'twice@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', '']]));
    expect((await applyPreview(hr, previewPath)).status).toBe(303);
    const token = await csrfTokenFrom(hr, '/hr/import');
    const again = await hr.post(`${previewPath}/apply`).type('form').send({ _csrf: token });
    expect(again.status).toBe(409);
    expect(again.text).toContain('This file was already imported');
    expect(await countOf(`SELECT count(*)::int AS count FROM employees WHERE email = 'twice@example.test'`)).toBe(1);
  });

  it('applies against the data as it is when applied, not as it was at the preview', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const person = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id, jobTitle: 'Analyst' });
    const csv = csvOf([
      header,
      [person.fullName, person.email, department.name, site.name, 'Lead Analyst', person.hireDate, '', 'employee'],
      ['Arrived Meanwhile', 'meanwhile@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
    ]);
    const previewPath = await previewCsv(hr, csv);
    expect(figuresOn((await hr.get(previewPath)).text)).toMatchObject({ 'New people': 1, Updated: 1 });

    await t.dataSource.query(`UPDATE employees SET job_title = 'Lead Analyst' WHERE id = $1`, [person.id]);
    await buildEmployee(t.dataSource, { email: 'meanwhile@example.test', fullName: 'Arrived Meanwhile', departmentId: department.id, siteId: site.id, jobTitle: 'Intern' });

    expect((await applyPreview(hr, previewPath)).status).toBe(303);
    expect(figuresOn((await hr.get(previewPath)).text)).toEqual({ 'New people': 0, Updated: 1, Unchanged: 1 });
    expect(await employeeByEmail('meanwhile@example.test')).toMatchObject({ jobTitle: 'Clerk' });
  });

  it('refuses to apply when a department was archived since the preview', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const previewPath = await previewCsv(hr, csvOf([header, ['Too Late', 'too.late@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', '']]));
    await t.dataSource.query('UPDATE departments SET archived_at = now() WHERE id = $1', [department.id]);
    const refused = await applyPreview(hr, previewPath);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('line 2 no longer fits');
    expect(await employeeByEmail('too.late@example.test')).toBeUndefined();
  });
});

describe('a failure while applying', () => {
  it('saves nothing: no people, no departments, and the preview can still be applied', async () => {
    const site = await buildSite(t.dataSource);
    const csv = csvOf([
      header,
      ['Fail One', 'fail.one@example.test', 'Doomed Department', site.name, 'Clerk', '2025-01-01', '', ''],
      ['Fail Two', 'fail.two@example.test', 'Doomed Department', site.name, 'Clerk', '2025-01-01', '', ''],
    ]);
    const previewPath = await previewCsv(hr, csv, { createMissing: true });
    // The audit log is written after the people, so this fails the apply half-way through.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_import_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'imported-created' AND NEW.entity_type = 'employee' THEN RAISE EXCEPTION 'audit log unavailable'; END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query('CREATE TRIGGER refuse_import_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_import_audit()');
    try {
      const failed = await applyPreview(hr, previewPath);
      expect(failed.status).toBe(500);
    } finally {
      await t.dataSource.query('DROP TRIGGER refuse_import_audit ON audit_log');
      await t.dataSource.query('DROP FUNCTION refuse_import_audit()');
    }
    expect(await countOf(`SELECT count(*)::int AS count FROM employees WHERE email LIKE 'fail.%'`)).toBe(0);
    expect(await countOf(`SELECT count(*)::int AS count FROM departments WHERE name = 'Doomed Department'`)).toBe(0);
    expect((await hr.get(previewPath)).text).toContain('Apply: create 2 and update 0');

    expect((await applyPreview(hr, previewPath)).status).toBe(303);
    expect(await countOf(`SELECT count(*)::int AS count FROM employees WHERE email LIKE 'fail.%'`)).toBe(2);
  });
});

describe('invitations', () => {
  it('queues a set-password email for each new person when asked, and none for updated people', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const known = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id });
    const csv = csvOf([
      header,
      ['Invited Person', 'invited.person@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', ''],
      [known.fullName, known.email, department.name, site.name, 'Other Title', known.hireDate, '', ''],
    ]);
    const previewPath = await previewCsv(hr, csv, { sendInvitations: true });
    expect((await hr.get(previewPath)).text).toContain('Each new person gets an email');
    await applyPreview(hr, previewPath);
    expect(await countOf(`SELECT count(*)::int AS count FROM outbox_messages WHERE to_address = 'invited.person@example.test'`)).toBe(1);
    expect(await countOf('SELECT count(*)::int AS count FROM outbox_messages WHERE to_address = $1', [known.email])).toBe(0);
  });

  it('sends nothing when the box is not ticked', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    await applyPreview(hr, await previewCsv(hr, csvOf([header, ['Quiet Person', 'quiet.person@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', '']])));
    expect(await employeeByEmail('quiet.person@example.test')).toBeDefined();
    expect(await countOf(`SELECT count(*)::int AS count FROM outbox_messages WHERE to_address = 'quiet.person@example.test'`)).toBe(0);
  });
});

describe('who may import', () => {
  it('refuses everyone but HR, and asks anonymous visitors to sign in', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const previewPath = await previewCsv(hr, csvOf([header, ['Guarded', 'guarded@example.test', department.name, site.name, 'Clerk', '2025-01-01', '', '']]));
    const employee = await buildEmployee(t.dataSource);
    const head = await buildHead(t.dataSource);
    for (const person of [employee, head]) {
      const agent = await signIn(t.app, person.email);
      expect((await agent.get('/hr/import')).status).toBe(403);
      expect((await agent.get('/hr/import/template.csv')).status).toBe(403);
      expect((await agent.get(previewPath)).status).toBe(403);
      const token = await csrfTokenFrom(agent, '/me');
      const upload = await agent.post(`/hr/import?_csrf=${encodeURIComponent(token)}`).attach('file', Buffer.from('email\n'), 'people.csv');
      expect(upload.status).toBe(403);
      expect((await agent.post(`${previewPath}/apply`).type('form').send({ _csrf: token })).status).toBe(403);
    }
    expect((await request(t.app).get('/hr/import')).status).toBe(303);
    expect(await employeeByEmail('guarded@example.test')).toBeUndefined();
  });

  it('refuses an upload without the form token, and stores nothing', async () => {
    const batchesBefore = await countOf('SELECT count(*)::int AS count FROM import_batches');
    const withoutToken = await hr.post('/hr/import').attach('file', Buffer.from(csvOf([header])), 'people.csv');
    expect(withoutToken.status).toBe(403);
    const wrongToken = await hr.post('/hr/import?_csrf=forged').attach('file', Buffer.from(csvOf([header])), 'people.csv');
    expect(wrongToken.status).toBe(403);
    expect(await countOf('SELECT count(*)::int AS count FROM import_batches')).toBe(batchesBefore);
  });

  it('shows the upload page with the columns and a template that the import reads', async () => {
    const page = await hr.get('/hr/import');
    expect(page.status).toBe(200);
    for (const column of header) expect(page.text).toContain(`<code>${column}</code>`);
    expect(page.text).toContain('Create missing departments and sites');
    expect(page.text).toContain('Send set-password invitations to new people');
    const template = await hr.get('/hr/import/template.csv');
    expect(template.status).toBe(200);
    expect(template.headers['content-disposition']).toContain('employees-template.csv');
    expect(template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(header.join(','));
    const uploaded = await uploadCsv(hr, template.text, { createMissing: true });
    expect(uploaded.status).toBe(303);
  });
});

describe('leavers in a file', () => {
  it('lose their rotations after their last day, as when HR deactivates them', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Leaving Dept' });
    const site = await buildSite(t.dataSource, { name: 'Leaving Site' });
    const leaver = await buildEmployee(t.dataSource, { departmentId: department.id, siteId: site.id, jobTitle: 'Analyst', hireDate: '2024-01-15' });
    const desk = await buildDesk(t.dataSource, { siteId: site.id });
    const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
    const rotation = await buildAssignment(t.dataSource, { employeeId: leaver.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2099-W10', weeks: 2 });

    const csv = csvOf([header, [leaver.fullName, leaver.email, department.name, site.name, 'Analyst', '2024-01-15', '2098-12-31', 'employee']]);
    expect((await applyPreview(hr, await previewCsv(hr, csv))).status).toBe(303);

    const [assignment] = await t.dataSource.query(`SELECT status, status_reason FROM assignments WHERE id = $1`, [rotation]);
    expect(assignment).toEqual({ status: 'cancelled', status_reason: `${leaver.fullName} leaves on 2098-12-31` });
  });
});
