import { Department } from '../../src/people/department.entity';
import { DepartmentBlackoutWeek } from '../../src/rotations/department-blackout-week.entity';
import { buildDepartment, buildEmployee, buildHr } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { type FormFields, postForm } from './forms';

let t: TestApp;
let hr: Agent;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

const shareOf = async (id: string) => (await t.dataSource.getRepository(Department).findOneByOrFail({ id })).maxSharePercent;
const blackoutsOf = async (departmentId: string) =>
  (await t.dataSource.getRepository(DepartmentBlackoutWeek).find({ where: { departmentId }, order: { week: 'ASC' } })).map(({ week, note }) => [week, note]);
const departmentAudit = (entityId: string): Promise<{ action: string; before: object | null; after: object | null }[]> =>
  t.dataSource.query(`SELECT action, before, after FROM audit_log WHERE entity_type = 'department' AND entity_id = $1 ORDER BY id`, [entityId]);

async function departmentWithPeople(count: number, fields: Partial<Department> = {}): Promise<Department> {
  const department = await buildDepartment(t.dataSource, fields);
  for (let index = 0; index < count; index++) await buildEmployee(t.dataSource, { departmentId: department.id });
  return department;
}

describe('the limits list', () => {
  it('shows each active department’s people, share, weekly limit and blackout weeks', async () => {
    const finance = await departmentWithPeople(12, { name: 'Finance-limits', maxSharePercent: 50 });
    await buildEmployee(t.dataSource, { departmentId: finance.id, terminationDate: '2020-01-31' });
    await postForm(hr, `/hr/limits/${finance.id}/blackouts`, { week: '2027-W13' });
    await departmentWithPeople(3, { name: 'Legal-limits', maxSharePercent: 10 });
    await departmentWithPeople(3, { name: 'Closed-limits', maxSharePercent: 0 });
    await buildDepartment(t.dataSource, { name: 'Gone-limits', archivedAt: new Date() });

    const page = await hr.get('/hr/limits');
    expect(page.status).toBe(200);
    const rowOf = (name: string) => page.text.slice(page.text.indexOf(name), page.text.indexOf('</tr>', page.text.indexOf(name)));
    expect(rowOf('Finance-limits')).toMatch(/<td>12<\/td>\s*<td>50%<\/td>\s*<td>6<\/td>\s*<td>2027-W13<\/td>/);
    expect(rowOf('Legal-limits')).toMatch(/<td>3<\/td>\s*<td>10%<\/td>\s*<td>1<\/td>/);
    expect(rowOf('Closed-limits')).toMatch(/<td>0%<\/td>\s*<td>nobody<\/td>/);
    expect(page.text).not.toContain('Gone-limits');
  });

  it('starts a department at 10%', async () => {
    expect((await buildDepartment(t.dataSource)).maxSharePercent).toBe(10);
  });
});

describe('a department’s share on rotation', () => {
  it('saves a new share and audits it on the department', async () => {
    const department = await departmentWithPeople(4);
    const response = await postForm(hr, `/hr/limits/${department.id}`, { maxSharePercent: '25' });
    expect(response.status).toBe(303);
    expect(await shareOf(department.id)).toBe(25);
    expect(await departmentAudit(department.id)).toEqual([{ action: 'limit-changed', before: { maxSharePercent: 10 }, after: { maxSharePercent: 25 } }]);
    expect((await hr.get(`/hr/limits/${department.id}`)).text).toContain('at most 1 on rotation in any week');
  });

  it.each<[string, string, string]>([
    ['a negative share', '-1', 'The percentage must be between 0 and 100'],
    ['more than 100%', '101', 'The percentage must be between 0 and 100'],
    ['a share in words', 'ten', 'Enter the percentage as a whole number'],
    ['no share', '', 'Enter the percentage'],
  ])('refuses %s with a message, keeps the value and saves nothing', async (_, value, message) => {
    const department = await buildDepartment(t.dataSource);
    const response = await postForm(hr, `/hr/limits/${department.id}`, { maxSharePercent: value });
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain(`value="${value}"`);
    expect(await shareOf(department.id)).toBe(10);
    expect(await departmentAudit(department.id)).toEqual([]);
  });

  it('answers 404 for a department that does not exist', async () => {
    expect((await hr.get('/hr/limits/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await postForm(hr, '/hr/limits/finance', { maxSharePercent: '5' })).status).toBe(404);
  });
});

describe('blackout weeks', () => {
  it('adds one week and a range with a note, replaces a week’s note, removes a week, and audits each', async () => {
    const department = await buildDepartment(t.dataSource);
    expect((await postForm(hr, `/hr/limits/${department.id}/blackouts`, { week: '2027-w26' })).status).toBe(303);
    expect((await postForm(hr, `/hr/limits/${department.id}/blackouts`, { week: '2027-W13', through: '2027-W14', note: 'Quarter close' })).status).toBe(303);
    expect((await postForm(hr, `/hr/limits/${department.id}/blackouts`, { week: '2027-W26', note: 'Half-year close' })).status).toBe(303);
    expect(await blackoutsOf(department.id)).toEqual([
      ['2027-W13', 'Quarter close'],
      ['2027-W14', 'Quarter close'],
      ['2027-W26', 'Half-year close'],
    ]);
    expect((await hr.get(`/hr/limits/${department.id}`)).text).toContain('Quarter close');

    expect((await postForm(hr, `/hr/limits/${department.id}/blackouts/remove`, { week: '2027-W14' })).status).toBe(303);
    expect(await blackoutsOf(department.id)).toEqual([
      ['2027-W13', 'Quarter close'],
      ['2027-W26', 'Half-year close'],
    ]);
    expect((await postForm(hr, `/hr/limits/${department.id}/blackouts/remove`, { week: '2027-W14' })).status).toBe(404);
    expect((await departmentAudit(department.id)).map((entry) => entry.action)).toEqual(['blackout-added', 'blackout-added', 'blackout-added', 'blackout-removed']);
  });

  it.each<[string, FormFields, string]>([
    ['a week in another format', { week: '13/2027' }, 'Enter the week as an ISO week like 2027-W05'],
    ['week 53 of a year without one', { week: '2027-W53' }, 'Enter the week as an ISO week like 2027-W05'],
    ['no week', { week: '' }, 'Enter the week'],
    ['a last week before the first', { week: '2027-W14', through: '2027-W13' }, 'The last week cannot be before the first week'],
    ['a note that is too long', { week: '2027-W14', note: 'x'.repeat(201) }, 'A note is at most 200 characters'],
  ])('refuses %s with a message, keeps the values and saves nothing', async (_, fields, message) => {
    const department = await buildDepartment(t.dataSource);
    const response = await postForm(hr, `/hr/limits/${department.id}/blackouts`, fields);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain(`value="${fields.week}"`);
    expect(await blackoutsOf(department.id)).toEqual([]);
  });
});
