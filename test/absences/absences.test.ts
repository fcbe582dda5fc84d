import { absencesBetween, listAbsences } from '../../src/absences/absences.service';
import { buildAbsence, buildEmployee, buildHr } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function signedInEmployee() {
  const employee = await buildEmployee(t.dataSource);
  const agent = await signIn(t.app, employee.email);
  return { employee, agent, csrf: await csrfTokenFrom(agent, '/me') };
}

async function signedInHr() {
  const hr = await buildHr(t.dataSource);
  const agent = await signIn(t.app, hr.email);
  return { hr, agent, csrf: await csrfTokenFrom(agent, '/hr') };
}

const submit = (agent: Agent, csrf: string, path: string, fields: Record<string, string> = {}) =>
  agent.post(path).type('form').send({ _csrf: csrf, ...fields });

interface StoredAbsence {
  id: string;
  type: string;
  startsOn: string;
  endsOn: string;
  note: string | null;
}

const absencesOf = (employeeId: string): Promise<StoredAbsence[]> =>
  t.dataSource.query(
    `SELECT id, type, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", note
       FROM absences WHERE employee_id = $1 ORDER BY starts_on`,
    [employeeId],
  );

const auditEntriesFor = (absenceId: string): Promise<{ action: string; actor_id: string; summary: string; before: object | null; after: object | null }[]> =>
  t.dataSource.query(`SELECT action, actor_id, summary, before, after FROM audit_log WHERE entity_type = 'absence' AND entity_id = $1 ORDER BY id`, [
    absenceId,
  ]);

describe('an employee’s own absences', () => {
  it('records an absence from the form and lists it', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const form = await agent.get('/me/absences/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Parental leave');

    const response = await submit(agent, csrf, '/me/absences', { type: 'vacation', startsOn: '2026-03-02', endsOn: '2026-03-06', note: 'Lisbon' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/me/absences');

    const page = await agent.get('/me/absences');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Absence recorded.');
    expect(page.text).toContain('Vacation');
    expect(page.text).toContain('2026-03-06');
    expect(page.text).toContain('Lisbon');
    const [saved] = await absencesOf(employee.id);
    expect(saved).toMatchObject({ type: 'vacation', startsOn: '2026-03-02', endsOn: '2026-03-06', note: 'Lisbon' });

    const [entry] = await auditEntriesFor(saved.id);
    expect(entry).toMatchObject({ action: 'created', actor_id: employee.id });
    expect(entry.after).toMatchObject({ employeeId: employee.id, type: 'vacation', startsOn: '2026-03-02', endsOn: '2026-03-06' });
  });

  it('shows the form again with messages for missing or malformed fields, saving nothing', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const response = await submit(agent, csrf, '/me/absences', { type: 'holiday', startsOn: '', endsOn: 'next friday' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Choose the type of absence');
    expect(response.text).toContain('Enter the first day');
    expect(response.text).toContain('Enter the last day as a date (YYYY-MM-DD)');
    expect(response.text).toContain('value="next friday"');
    expect(await absencesOf(employee.id)).toEqual([]);
  });

  it('refuses a range that ends before it starts', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const response = await submit(agent, csrf, '/me/absences', { type: 'training', startsOn: '2026-05-10', endsOn: '2026-05-08' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('The last day cannot be before the first day');
    expect(response.text).toContain('value="2026-05-10"');
    expect(await absencesOf(employee.id)).toEqual([]);
  });

  it('refuses a range overlapping another absence, writing neither the absence nor an audit entry', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    await buildAbsence(t.dataSource, employee.id, { type: 'sick-leave', startsOn: '2026-04-06', endsOn: '2026-04-08' });
    const auditBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);

    const response = await submit(agent, csrf, '/me/absences', { type: 'vacation', startsOn: '2026-04-08', endsOn: '2026-04-10' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('These days overlap another absence: sick leave from 2026-04-06 to 2026-04-08');
    expect(response.text).toContain('value="2026-04-10"');
    expect(await absencesOf(employee.id)).toHaveLength(1);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(auditBefore);
  });

  it('accepts an absence that starts the day after another ends, and another person’s absence on the same days', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const colleague = await buildEmployee(t.dataSource);
    await buildAbsence(t.dataSource, employee.id, { startsOn: '2026-04-06', endsOn: '2026-04-08' });
    await buildAbsence(t.dataSource, colleague.id, { startsOn: '2026-04-09', endsOn: '2026-04-09' });
    const response = await submit(agent, csrf, '/me/absences', { type: 'vacation', startsOn: '2026-04-09', endsOn: '2026-04-09' });
    expect(response.status).toBe(303);
    expect(await absencesOf(employee.id)).toHaveLength(2);
  });

  it('saves only one of two overlapping absences sent at the same moment', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const responses = await Promise.all([
      submit(agent, csrf, '/me/absences', { type: 'vacation', startsOn: '2026-07-01', endsOn: '2026-07-10' }),
      submit(agent, csrf, '/me/absences', { type: 'training', startsOn: '2026-07-05', endsOn: '2026-07-06' }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([303, 422]);
    expect(await absencesOf(employee.id)).toHaveLength(1);
  });

  it('changes an absence, auditing only what changed', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const absenceId = await buildAbsence(t.dataSource, employee.id, { type: 'vacation', startsOn: '2026-08-03', endsOn: '2026-08-07' });
    const form = await agent.get(`/me/absences/${absenceId}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="2026-08-07"');

    const response = await submit(agent, csrf, `/me/absences/${absenceId}`, { type: 'vacation', startsOn: '2026-08-03', endsOn: '2026-08-14', note: '' });
    expect(response.status).toBe(303);
    expect((await agent.get('/me/absences')).text).toContain('Absence changed.');
    expect(await absencesOf(employee.id)).toEqual([expect.objectContaining({ id: absenceId, endsOn: '2026-08-14' })]);
    const entries = await auditEntriesFor(absenceId);
    expect(entries).toEqual([expect.objectContaining({ action: 'updated', actor_id: employee.id, before: { endsOn: '2026-08-07' }, after: { endsOn: '2026-08-14' } })]);
  });

  it('refuses a change that would overlap another absence, and a reversed one', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const first = await buildAbsence(t.dataSource, employee.id, { startsOn: '2026-09-01', endsOn: '2026-09-02' });
    await buildAbsence(t.dataSource, employee.id, { startsOn: '2026-09-10', endsOn: '2026-09-11' });
    const overlapping = await submit(agent, csrf, `/me/absences/${first}`, { type: 'vacation', startsOn: '2026-09-01', endsOn: '2026-09-10' });
    expect(overlapping.status).toBe(422);
    expect(overlapping.text).toContain('These days overlap another absence');
    const reversed = await submit(agent, csrf, `/me/absences/${first}`, { type: 'vacation', startsOn: '2026-09-02', endsOn: '2026-09-01' });
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain('The last day cannot be before the first day');
    expect((await absencesOf(employee.id))[0]).toMatchObject({ id: first, startsOn: '2026-09-01', endsOn: '2026-09-02' });
    expect(await auditEntriesFor(first)).toEqual([]);
  });

  it('deletes an absence, keeping what it was in the audit log', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const absenceId = await buildAbsence(t.dataSource, employee.id, { type: 'other', startsOn: '2026-10-01', endsOn: '2026-10-01' });
    const response = await submit(agent, csrf, `/me/absences/${absenceId}/delete`);
    expect(response.status).toBe(303);
    expect((await agent.get('/me/absences')).text).toContain('Absence deleted.');
    expect(await absencesOf(employee.id)).toEqual([]);
    const [entry] = await auditEntriesFor(absenceId);
    expect(entry).toMatchObject({ action: 'deleted', actor_id: employee.id, before: { type: 'other', startsOn: '2026-10-01' } });
  });
});

describe('someone else’s absences', () => {
  it('cannot be seen, changed or deleted by an employee (403), and stay as they were', async () => {
    const { agent, csrf } = await signedInEmployee();
    const colleague = await buildEmployee(t.dataSource);
    const absenceId = await buildAbsence(t.dataSource, colleague.id, { startsOn: '2026-11-02', endsOn: '2026-11-03' });

    expect((await agent.get(`/me/absences/${absenceId}/edit`)).status).toBe(403);
    const change = await submit(agent, csrf, `/me/absences/${absenceId}`, { type: 'vacation', startsOn: '2026-11-02', endsOn: '2026-11-20' });
    expect(change.status).toBe(403);
    expect((await submit(agent, csrf, `/me/absences/${absenceId}/delete`)).status).toBe(403);
    expect((await agent.get(`/hr/employees/${colleague.id}/absences`)).status).toBe(403);
    const record = await submit(agent, csrf, `/hr/employees/${colleague.id}/absences`, { type: 'vacation', startsOn: '2026-12-01', endsOn: '2026-12-02' });
    expect(record.status).toBe(403);

    expect(await absencesOf(colleague.id)).toEqual([expect.objectContaining({ id: absenceId, endsOn: '2026-11-03' })]);
    expect(await auditEntriesFor(absenceId)).toEqual([]);
  });

  it('can be recorded, changed and deleted by HR, with HR as the author in the audit log', async () => {
    const { hr, agent, csrf } = await signedInHr();
    const employee = await buildEmployee(t.dataSource, { fullName: 'Ada Okafor' });
    const base = `/hr/employees/${employee.id}/absences`;

    const page = await agent.get(base);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Absences of Ada Okafor');
    expect(page.text).toContain('No absences recorded.');

    expect((await agent.get(`${base}/new`)).text).toContain('Record an absence for Ada Okafor');
    const created = await submit(agent, csrf, base, { type: 'parental-leave', startsOn: '2027-01-04', endsOn: '2027-06-30' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(base);
    const [absence] = await absencesOf(employee.id);
    expect(absence).toMatchObject({ type: 'parental-leave', endsOn: '2027-06-30' });
    expect((await agent.get(base)).text).toContain('Parental leave');

    const overlap = await submit(agent, csrf, base, { type: 'training', startsOn: '2027-02-01', endsOn: '2027-02-02' });
    expect(overlap.status).toBe(422);

    const changed = await submit(agent, csrf, `${base}/${absence.id}`, { type: 'parental-leave', startsOn: '2027-01-04', endsOn: '2027-07-31', note: 'Extended' });
    expect(changed.status).toBe(303);
    expect((await absencesOf(employee.id))[0]).toMatchObject({ endsOn: '2027-07-31', note: 'Extended' });

    expect((await submit(agent, csrf, `${base}/${absence.id}/delete`)).status).toBe(303);
    expect(await absencesOf(employee.id)).toEqual([]);

    const entries = await auditEntriesFor(absence.id);
    expect(entries.map((entry) => entry.action)).toEqual(['created', 'updated', 'deleted']);
    expect(entries.every((entry) => entry.actor_id === hr.id)).toBe(true);
    expect(entries[0].summary).toBe('Recorded Parental leave for Ada Okafor, 2027-01-04 to 2027-06-30');
  });

  it('answers 404 for an unknown person, a malformed id, or an absence under the wrong person', async () => {
    const { agent } = await signedInHr();
    const employee = await buildEmployee(t.dataSource);
    const other = await buildEmployee(t.dataSource);
    const absenceId = await buildAbsence(t.dataSource, other.id, { startsOn: '2027-03-01', endsOn: '2027-03-01' });
    expect((await agent.get('/hr/employees/00000000-0000-4000-8000-000000000000/absences')).status).toBe(404);
    expect((await agent.get('/hr/employees/not-an-id/absences')).status).toBe(404);
    expect((await agent.get(`/hr/employees/${employee.id}/absences/${absenceId}/edit`)).status).toBe(404);
    expect((await agent.get(`/hr/employees/${other.id}/absences/${absenceId}/edit`)).status).toBe(200);
  });
});

describe('absences for other features', () => {
  it('lists one person’s absences latest first, and everyone’s absences touching a period', async () => {
    const anna = await buildEmployee(t.dataSource);
    const ben = await buildEmployee(t.dataSource);
    await buildAbsence(t.dataSource, anna.id, { type: 'training', startsOn: '2030-01-05', endsOn: '2030-01-09' });
    await buildAbsence(t.dataSource, anna.id, { type: 'vacation', startsOn: '2030-02-01', endsOn: '2030-02-03', note: 'Ski' });
    await buildAbsence(t.dataSource, ben.id, { startsOn: '2030-01-10', endsOn: '2030-01-31' });
    await buildAbsence(t.dataSource, ben.id, { startsOn: '2030-03-01', endsOn: '2030-03-02' });

    expect(await listAbsences(t.dataSource.manager, anna.id)).toEqual([
      expect.objectContaining({ type: 'vacation', typeName: 'Vacation', startsOn: '2030-02-01', endsOn: '2030-02-03', note: 'Ski', days: 3 }),
      expect.objectContaining({ type: 'training', startsOn: '2030-01-05', endsOn: '2030-01-09', note: null, days: 5 }),
    ]);

    const between = await absencesBetween(t.dataSource.manager, '2030-01-09', '2030-02-01');
    const annaFirst = (a: { employeeId: string }) => (a.employeeId === anna.id ? 0 : 1);
    expect(between.sort((a, b) => annaFirst(a) - annaFirst(b) || a.startsOn.localeCompare(b.startsOn))).toEqual([
      { employeeId: anna.id, startsOn: '2030-01-05', endsOn: '2030-01-09' },
      { employeeId: anna.id, startsOn: '2030-02-01', endsOn: '2030-02-03' },
      { employeeId: ben.id, startsOn: '2030-01-10', endsOn: '2030-01-31' },
    ]);
  });

  it('links the employee home page to one’s absences and password', async () => {
    const { agent } = await signedInEmployee();
    const home = await agent.get('/me');
    expect(home.text).toContain('href="/me/absences"');
    expect(home.text).toContain('href="/me/password"');
  });
});
