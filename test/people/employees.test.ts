import { DateTime } from 'luxon';
import { buildDepartment, buildEmployee, buildHead, buildHr, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hr: Agent;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource, { fullName: 'Harriet Hr' })).email);
  token = await csrfTokenFrom(hr, '/hr/employees/new');
});
afterAll(() => t.close());

const post = (path: string, fields: Record<string, string | string[]>) => hr.post(path).type('form').send({ _csrf: token, ...fields });
const employeeByEmail = async (email: string) =>
  (
    await t.dataSource.query(
      `SELECT id, full_name AS "fullName", email, job_title AS "jobTitle", hire_date::text AS "hireDate",
              termination_date::text AS "terminationDate", roles, version FROM employees WHERE email = $1`,
      [email],
    )
  )[0];
const auditOf = (id: string): Promise<{ action: string; before: unknown; after: unknown }[]> =>
  t.dataSource.query('SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [id]);
const employeeCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM employees'))[0].n;

async function placement() {
  const department = await buildDepartment(t.dataSource);
  const site = await buildSite(t.dataSource);
  return { departmentId: department.id, siteId: site.id, department, site };
}

async function newEmployeeFields(overrides: Record<string, string | string[]> = {}) {
  const { departmentId, siteId } = await placement();
  return { fullName: 'Grace Hopper', email: 'grace.hopper@example.test', departmentId, siteId, jobTitle: 'Engineer', hireDate: '2025-02-03', ...overrides };
}

describe('creating an employee', () => {
  it('saves the person with an email in lower case, records it, and shows their profile', async () => {
    const fields = await newEmployeeFields({ email: '  Grace.Hopper@Example.TEST ', roles: ['hr'] });
    const response = await post('/hr/employees', fields);
    expect(response.status).toBe(303);
    const saved = await employeeByEmail('grace.hopper@example.test');
    expect(saved).toMatchObject({ fullName: 'Grace Hopper', jobTitle: 'Engineer', hireDate: '2025-02-03', terminationDate: null, roles: ['hr', 'employee'] });
    expect(response.headers.location).toBe(`/hr/employees/${saved.id}`);
    const [entry] = await auditOf(saved.id);
    expect(entry).toMatchObject({ action: 'created', after: { fullName: 'Grace Hopper', email: 'grace.hopper@example.test', roles: ['hr', 'employee'] } });
    const profile = await hr.get(response.headers.location);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain('Grace Hopper added.');
  });

  it('refuses an email another employee has, whatever its case, and saves nothing', async () => {
    const existing = await buildEmployee(t.dataSource);
    const before = await employeeCount();
    const response = await post('/hr/employees', await newEmployeeFields({ email: existing.email.toUpperCase(), fullName: 'Dup Licate' }));
    expect(response.status).toBe(422);
    expect(response.text).toContain(`${existing.email} already belongs to another employee`);
    expect(response.text).toContain('value="Dup Licate"');
    expect(await employeeCount()).toBe(before);
  });

  it('shows every missing or malformed field at once, keeping what was typed', async () => {
    const before = await employeeCount();
    const response = await post('/hr/employees', { fullName: '', email: 'not-an-email', departmentId: '', siteId: '', jobTitle: 'Clerk', hireDate: '31.02.2025' });
    expect(response.status).toBe(422);
    for (const message of ['Enter a full name', 'Enter an email like name@example.com', 'Choose a department', 'Choose a site', 'Enter the hire date as a date']) {
      expect(response.text).toContain(message);
    }
    expect(response.text).toContain('value="not-an-email"');
    expect(response.text).toContain('value="Clerk"');
    expect(await employeeCount()).toBe(before);
  });

  it('refuses a termination date before the hire date', async () => {
    const response = await post('/hr/employees', await newEmployeeFields({ email: 'early.leaver@example.test', hireDate: '2025-05-01', terminationDate: '2025-04-30' }));
    expect(response.status).toBe(422);
    expect(response.text).toContain('The termination date cannot be before the hire date');
    expect(await employeeByEmail('early.leaver@example.test')).toBeUndefined();
  });

  it('does not offer archived departments, and refuses one sent anyway', async () => {
    const archived = await buildDepartment(t.dataSource, { name: 'Closed Division', archivedAt: new Date() });
    const open = await buildDepartment(t.dataSource, { name: 'Open Division' });
    const form = await hr.get('/hr/employees/new');
    expect(form.text).toContain('Open Division');
    expect(form.text).not.toContain('Closed Division');
    expect(form.text).toContain(open.id);
    expect(form.text).not.toContain(archived.id);

    const response = await post('/hr/employees', await newEmployeeFields({ email: 'archived.placement@example.test', departmentId: archived.id }));
    expect(response.status).toBe(422);
    expect(response.text).toContain('Closed Division is archived: choose another department');
    expect(await employeeByEmail('archived.placement@example.test')).toBeUndefined();
  });

  it('sends a set-password invitation when the box is ticked, and none when it is not', async () => {
    const invited = await post('/hr/employees', await newEmployeeFields({ email: 'invited@example.test', sendInvitation: 'on' }));
    expect(invited.status).toBe(303);
    const notInvited = await post('/hr/employees', await newEmployeeFields({ email: 'not.invited@example.test' }));
    expect(notInvited.status).toBe(303);
    const messages: { to_address: string }[] = await t.dataSource.query(`SELECT to_address FROM outbox_messages WHERE to_address LIKE '%invited@example.test'`);
    expect(messages.map((message) => message.to_address)).toEqual(['invited@example.test']);
    const tokens = await t.dataSource.query('SELECT 1 FROM set_password_tokens WHERE employee_id = $1', [(await employeeByEmail('invited@example.test')).id]);
    expect(tokens).toHaveLength(1);
  });
});

describe('editing an employee', () => {
  it('shows the form filled in and saves the changes with their audit entries', async () => {
    const { departmentId, siteId } = await placement();
    const person = await buildEmployee(t.dataSource, { fullName: 'Alan Turing', jobTitle: 'Analyst', departmentId, siteId });
    const form = await hr.get(`/hr/employees/${person.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Alan Turing"');
    expect(form.text).toContain('name="version" value="1"');

    const response = await post(`/hr/employees/${person.id}`, {
      fullName: 'Alan M. Turing',
      email: person.email,
      departmentId,
      siteId,
      jobTitle: 'Cryptanalyst',
      hireDate: person.hireDate,
      roles: ['hr'],
      version: '1',
    });
    expect(response.status).toBe(303);
    expect(await employeeByEmail(person.email)).toMatchObject({ fullName: 'Alan M. Turing', jobTitle: 'Cryptanalyst', roles: ['hr', 'employee'], version: 2 });
    expect(await auditOf(person.id)).toEqual([
      { action: 'updated', before: { fullName: 'Alan Turing', jobTitle: 'Analyst' }, after: { fullName: 'Alan M. Turing', jobTitle: 'Cryptanalyst' } },
      { action: 'roles-changed', before: { roles: ['employee'] }, after: { roles: ['hr', 'employee'] } },
    ]);
  });

  it('refuses a form opened before someone else saved, keeping both the saved change and the typed values', async () => {
    const { departmentId, siteId } = await placement();
    const person = await buildEmployee(t.dataSource, { fullName: 'Katherine Johnson', departmentId, siteId });
    const fields = { email: person.email, departmentId, siteId, jobTitle: 'Mathematician', hireDate: person.hireDate, version: '1' };
    expect((await post(`/hr/employees/${person.id}`, { ...fields, fullName: 'Katherine G. Johnson' })).status).toBe(303);

    const stale = await post(`/hr/employees/${person.id}`, { ...fields, fullName: 'K. Johnson' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else changed Katherine G. Johnson after you opened this form');
    expect(stale.text).toContain('value="K. Johnson"');
    expect(await employeeByEmail(person.email)).toMatchObject({ fullName: 'Katherine G. Johnson', version: 2 });
    expect(await auditOf(person.id)).toHaveLength(1);
  });

  it('refuses an email that belongs to someone else, in another case', async () => {
    const { departmentId, siteId } = await placement();
    const other = await buildEmployee(t.dataSource);
    const person = await buildEmployee(t.dataSource, { departmentId, siteId });
    const response = await post(`/hr/employees/${person.id}`, {
      fullName: person.fullName,
      email: other.email.toUpperCase(),
      departmentId,
      siteId,
      jobTitle: person.jobTitle,
      hireDate: person.hireDate,
      version: '1',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain(`${other.email} already belongs to another employee`);
    expect(await employeeByEmail(person.email)).toMatchObject({ version: 1 });
    expect(await auditOf(person.id)).toEqual([]);
  });

  it('keeps offering a person’s own archived department', async () => {
    const archived = await buildDepartment(t.dataSource, { name: 'Sunset Team', archivedAt: new Date() });
    const { siteId } = await placement();
    const person = await buildEmployee(t.dataSource, { departmentId: archived.id, siteId });
    const form = await hr.get(`/hr/employees/${person.id}/edit`);
    expect(form.text).toContain('Sunset Team (archived)');
    const response = await post(`/hr/employees/${person.id}`, {
      fullName: person.fullName,
      email: person.email,
      departmentId: archived.id,
      siteId,
      jobTitle: 'Still here',
      hireDate: person.hireDate,
      version: '1',
    });
    expect(response.status).toBe(303);
  });

  it('refuses taking the head role from someone who still heads a department', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Acoustics' });
    const { siteId } = await placement();
    const head = await buildHead(t.dataSource, { heads: [department], siteId });
    const response = await post(`/hr/employees/${head.id}`, {
      fullName: head.fullName,
      email: head.email,
      departmentId: department.id,
      siteId,
      jobTitle: head.jobTitle,
      hireDate: head.hireDate,
      version: '1',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain(`${head.fullName} heads Acoustics: choose other heads on the Departments page first`);
    expect((await employeeByEmail(head.email)).roles).toContain('head');
  });

  it('does not let HR take away their own HR role', async () => {
    const { departmentId, siteId } = await placement();
    const self = await buildHr(t.dataSource, { departmentId, siteId });
    const agent = await signIn(t.app, self.email);
    const ownToken = await csrfTokenFrom(agent, `/hr/employees/${self.id}/edit`);
    const response = await agent.post(`/hr/employees/${self.id}`).type('form').send({
      _csrf: ownToken,
      fullName: self.fullName,
      email: self.email,
      departmentId,
      siteId,
      jobTitle: self.jobTitle,
      hireDate: self.hireDate,
      version: '1',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('You cannot take away your own HR role');
    expect((await employeeByEmail(self.email)).roles).toContain('hr');
  });

  it('answers 404 for someone who does not exist', async () => {
    expect((await hr.get('/hr/employees/00000000-0000-4000-8000-000000000000/edit')).status).toBe(404);
    expect((await hr.get('/hr/employees/nobody')).status).toBe(404);
  });
});

describe('deactivating and reactivating', () => {
  it('offers today as the last working day, then deactivates and reactivates with audit entries', async () => {
    const person = await buildEmployee(t.dataSource, { fullName: 'Leaving Soon' });
    const today = DateTime.now().toISODate();
    const profile = await hr.get(`/hr/employees/${person.id}`);
    expect(profile.text).toContain(`name="terminationDate" type="date" required value="${today}"`);

    expect((await post(`/hr/employees/${person.id}/deactivate`, { terminationDate: '2026-06-30', version: '1' })).status).toBe(303);
    expect(await employeeByEmail(person.email)).toMatchObject({ terminationDate: '2026-06-30', version: 2 });
    expect((await hr.get(`/hr/employees/${person.id}`)).text).toContain('Reactivate');

    expect((await post(`/hr/employees/${person.id}/reactivate`, { version: '2' })).status).toBe(303);
    expect(await employeeByEmail(person.email)).toMatchObject({ terminationDate: null, version: 3 });
    expect(await auditOf(person.id)).toEqual([
      { action: 'deactivated', before: { terminationDate: null }, after: { terminationDate: '2026-06-30' } },
      { action: 'reactivated', before: { terminationDate: '2026-06-30' }, after: { terminationDate: null } },
    ]);
  });

  it('refuses a last working day before the hire date, and a stale deactivation', async () => {
    const person = await buildEmployee(t.dataSource, { hireDate: '2024-01-15' });
    const early = await post(`/hr/employees/${person.id}/deactivate`, { terminationDate: '2023-12-31', version: '1' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('The termination date cannot be before the hire date');
    const stale = await post(`/hr/employees/${person.id}/deactivate`, { terminationDate: '2026-01-31', version: '7' });
    expect(stale.status).toBe(409);
    expect(await employeeByEmail(person.email)).toMatchObject({ terminationDate: null, version: 1 });
    expect(await auditOf(person.id)).toEqual([]);
  });
});
