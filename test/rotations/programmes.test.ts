import { ProgrammeExemption } from '../../src/rotations/programme-exemption.entity';
import { ProgrammeStage } from '../../src/rotations/programme-stage.entity';
import { Programme } from '../../src/rotations/programme.entity';
import { buildDepartment, buildEmployee, buildHr, buildProgramme } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { type FormFields, postForm } from './forms';

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

const programmeCount = () => t.dataSource.getRepository(Programme).count();
const findProgramme = (id: string) => t.dataSource.getRepository(Programme).findOneOrFail({ where: { id }, relations: { departments: true } });
const stagesOf = async (programmeId: string) =>
  (await t.dataSource.getRepository(ProgrammeStage).find({ where: { programmeId }, order: { position: 'ASC' } })).map(({ name, amount, unit }) => [name, amount, unit]);
const exemptionsOf = (programmeId: string) => t.dataSource.getRepository(ProgrammeExemption).find({ where: { programmeId } });
const auditActions = async (entityId: string): Promise<string[]> =>
  (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'programme' AND entity_id = $1 ORDER BY id`, [entityId])).map(
    (row: { action: string }) => row.action,
  );

let names = 0;
function programmeForm(overrides: FormFields = {}): FormFields {
  return {
    name: `Programme ${++names} ${Date.now()}`,
    kind: 'recurring',
    lengthWeeks: '4',
    expectedHoursPerWeek: '20',
    'stages.0.name': 'Shadowing',
    'stages.0.amount': '1',
    'stages.0.unit': 'weeks',
    'stages.1.name': 'Paired',
    'stages.1.amount': '1',
    'stages.1.unit': 'weeks',
    'stages.2.name': 'Solo',
    'stages.2.amount': '2',
    'stages.2.unit': 'weeks',
    appliesTo: 'all',
    everyMonths: '12',
    earlyWeeks: '',
    startWithinWeeks: '',
    appliesToHiresFrom: '',
    ...overrides,
  };
}

const onboarding: FormFields = { kind: 'onboarding', everyMonths: '', earlyWeeks: '', startWithinWeeks: '', appliesToHiresFrom: '2026-12-01' };

describe('the programme list', () => {
  it('shows each programme’s kind, length, stages, timing and departments', async () => {
    const finance = await buildDepartment(t.dataSource, { name: 'Finance-list' });
    const created = await postForm(hr, '/hr/programmes', programmeForm({ name: 'Yearly rotation', earlyWeeks: '3', appliesTo: 'some', departmentIds: [finance.id] }));
    expect(created.status).toBe(303);
    await postForm(hr, '/hr/programmes', programmeForm({ name: 'New-hire onboarding', ...onboarding }));

    const page = await hr.get('/hr/programmes');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Yearly rotation');
    expect(page.text).toContain('Shadowing: 1 week → Paired: 1 week → Solo: 2 weeks');
    expect(page.text).toContain('Every 12 months after the last rotation (or the hire date), up to 3 weeks early');
    expect(page.text).toContain('Finance-list');
    expect(page.text).toContain('New-hire onboarding');
    expect(page.text).toContain('Starts within 2 weeks of the hire date, for people hired from 2026-12-01');
    expect(page.text).toContain('All departments');
  });
});

describe('creating a programme', () => {
  it('offers six stage rows and onboarding from today’s hires', async () => {
    const page = await hr.get('/hr/programmes/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="stages.5.name"');
    expect(page.text).not.toContain('name="stages.6.name"');
    expect(page.text).toMatch(/name="kind" value="onboarding" checked/);
  });

  it('saves an onboarding programme, ignoring blank stage rows and starting within 2 weeks when left empty', async () => {
    const sales = await buildDepartment(t.dataSource);
    const support = await buildDepartment(t.dataSource);
    const form = programmeForm({
      ...onboarding,
      'stages.1.name': '',
      'stages.1.amount': '',
      'stages.4.name': 'Solo on chat',
      'stages.4.amount': '2',
      'stages.4.unit': 'shifts',
      appliesTo: 'some',
      departmentIds: [sales.id, support.id],
    });
    const response = await postForm(hr, '/hr/programmes', form);
    expect(response.status).toBe(303);
    const id = response.headers.location.split('/').pop()!;
    const programme = await findProgramme(id);
    expect(programme).toMatchObject({
      name: form.name,
      kind: 'onboarding',
      lengthWeeks: 4,
      expectedHoursPerWeek: 20,
      startWithinWeeks: 2,
      appliesToHiresFrom: '2026-12-01',
      everyMonths: null,
      earlyWeeks: null,
    });
    expect(programme.departments.map((department) => department.id).sort()).toEqual([sales.id, support.id].sort());
    expect(await stagesOf(id)).toEqual([
      ['Shadowing', 1, 'weeks'],
      ['Solo', 2, 'weeks'],
      ['Solo on chat', 2, 'shifts'],
    ]);
    expect(await auditActions(id)).toEqual(['created']);
  });

  it('saves a recurring programme for every department, early by 0 weeks when left empty', async () => {
    const response = await postForm(hr, '/hr/programmes', programmeForm({ departmentIds: [(await buildDepartment(t.dataSource)).id] }));
    expect(response.status).toBe(303);
    const programme = await findProgramme(response.headers.location.split('/').pop()!);
    expect(programme).toMatchObject({ kind: 'recurring', everyMonths: 12, earlyWeeks: 0, startWithinWeeks: null, appliesToHiresFrom: null });
    expect(programme.departments).toEqual([]);
  });

  it.each<[string, FormFields, string]>([
    ['no name', { name: '' }, 'Enter the programme’s name'],
    ['no kind', { kind: undefined }, 'Choose onboarding or recurring'],
    ['a length of 0 weeks', { lengthWeeks: '0' }, 'The length in weeks must be between 1 and 65'],
    ['a length of 66 weeks', { lengthWeeks: '66' }, 'The length in weeks must be between 1 and 65'],
    ['a length that is not a number', { lengthWeeks: 'four' }, 'Enter the length in weeks as a whole number'],
    ['no expected hours', { expectedHoursPerWeek: '' }, 'Enter the expected hours per week'],
    ['no stage at all', { 'stages.0.name': '', 'stages.0.amount': '', 'stages.1.name': '', 'stages.1.amount': '', 'stages.2.name': '', 'stages.2.amount': '' }, 'Give the programme at least one stage'],
    ['a stage without a name', { 'stages.1.name': '' }, 'Name stage 2, or clear its length'],
    ['a stage without a length', { 'stages.2.amount': '' }, 'Give stage 3’s length as a whole number of weeks or shifts, from 1 to 1000'],
    ['a stage of 0 weeks', { 'stages.2.amount': '0' }, 'Give stage 3’s length as a whole number of weeks or shifts, from 1 to 1000'],
    ['a stage in days', { 'stages.0.unit': 'days' }, 'Choose weeks or shifts for stage 1'],
    ['stages longer than the programme', { lengthWeeks: '3' }, 'The stages take 4 weeks (shifts at 8 hours each), more than the programme’s 3 weeks'],
    ['shifts that need more weeks than the programme has', { 'stages.3.name': 'Solo shifts', 'stages.3.amount': '6', 'stages.3.unit': 'shifts', expectedHoursPerWeek: '16' }, 'The stages take 7 weeks'],
    ['an onboarding programme that repeats', { ...onboarding, everyMonths: '12' }, 'An onboarding programme happens once: leave “every … months” empty'],
    ['an onboarding programme that starts early', { ...onboarding, earlyWeeks: '2' }, 'An onboarding programme cannot start before the hire date'],
    ['an onboarding start within -1 weeks', { ...onboarding, startWithinWeeks: '-1' }, 'The weeks to start within must be between 0 and 52'],
    ['an onboarding first hire date that is not a date', { ...onboarding, appliesToHiresFrom: '31.12.2026x' }, 'Enter the first hire date as a date (YYYY-MM-DD)'],
    ['a recurring programme without months', { everyMonths: '' }, 'Enter how many months apart a recurring programme’s rotations are'],
    ['a recurring programme every 0 months', { everyMonths: '0' }, 'The months between rotations must be between 1 and 120'],
    ['a recurring programme early by -1 weeks', { earlyWeeks: '-1' }, 'The weeks a rotation may start early must be between 0 and 52'],
    ['a recurring programme with an onboarding start', { startWithinWeeks: '2' }, 'Only an onboarding programme starts within weeks of the hire date'],
    ['only some departments but none ticked', { appliesTo: 'some' }, 'Tick the departments the programme applies to, or choose every department'],
    ['an unknown department', { appliesTo: 'some', departmentIds: ['00000000-0000-4000-8000-000000000000'] }, 'Choose departments from the list'],
  ])('refuses %s with a message, keeps the values and saves nothing', async (_, change, message) => {
    const form = programmeForm(change);
    const before = await programmeCount();
    const response = await postForm(hr, '/hr/programmes', form);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain(`value="${form['stages.0.name']}"`);
    if (form.name) expect(response.text).toContain(`value="${form.name}"`);
    expect(await programmeCount()).toBe(before);
  });

  it('refuses a name another programme has, whatever its case', async () => {
    await buildProgramme(t.dataSource, { name: 'Peak season' });
    const before = await programmeCount();
    const response = await postForm(hr, '/hr/programmes', programmeForm({ name: 'PEAK season' }));
    expect(response.status).toBe(422);
    expect(response.text).toContain('There is already a programme called PEAK season');
    expect(await programmeCount()).toBe(before);
  });
});

describe('changing a programme', () => {
  it('saves new fields and stages, and audits what changed', async () => {
    const programme = await buildProgramme(t.dataSource);
    const form = programmeForm({ name: `${programme.name} v2`, lengthWeeks: '6', 'stages.3.name': 'Review', 'stages.3.amount': '2' });
    const response = await postForm(hr, `/hr/programmes/${programme.id}`, form);
    expect(response.status).toBe(303);
    expect(await findProgramme(programme.id)).toMatchObject({ name: form.name, lengthWeeks: 6 });
    expect(await stagesOf(programme.id)).toEqual([
      ['Shadowing', 1, 'weeks'],
      ['Paired', 1, 'weeks'],
      ['Solo', 2, 'weeks'],
      ['Review', 2, 'weeks'],
    ]);
    const [entry] = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'updated'`, [programme.id]);
    expect(entry.before).toMatchObject({ name: programme.name, lengthWeeks: 4 });
    expect(entry.after).toMatchObject({ name: form.name, lengthWeeks: 6 });
  });

  it('turns a recurring programme into onboarding when the fields fit the kind', async () => {
    const programme = await buildProgramme(t.dataSource);
    const response = await postForm(hr, `/hr/programmes/${programme.id}`, programmeForm({ name: programme.name, ...onboarding, startWithinWeeks: '0' }));
    expect(response.status).toBe(303);
    expect(await findProgramme(programme.id)).toMatchObject({ kind: 'onboarding', startWithinWeeks: 0, everyMonths: null, earlyWeeks: null });
  });

  it('shows the form again with the submitted values and saves nothing when a rule is broken', async () => {
    const programme = await buildProgramme(t.dataSource);
    const response = await postForm(hr, `/hr/programmes/${programme.id}`, programmeForm({ name: 'Renamed', lengthWeeks: '2' }));
    expect(response.status).toBe(422);
    expect(response.text).toContain('more than the programme’s 2 weeks');
    expect(response.text).toContain('value="Renamed"');
    expect(await findProgramme(programme.id)).toMatchObject({ name: programme.name, lengthWeeks: 4 });
    expect(await stagesOf(programme.id)).toEqual([['Solo', 4, 'weeks']]);
  });

  it('archives and restores a programme', async () => {
    const programme = await buildProgramme(t.dataSource);
    expect((await postForm(hr, `/hr/programmes/${programme.id}/archive`)).status).toBe(303);
    expect((await findProgramme(programme.id)).archivedAt).not.toBeNull();
    expect((await hr.get('/hr/programmes')).text).toContain('Archived programmes');
    expect((await postForm(hr, `/hr/programmes/${programme.id}/restore`)).status).toBe(303);
    expect((await findProgramme(programme.id)).archivedAt).toBeNull();
    expect(await auditActions(programme.id)).toEqual(['archived', 'restored']);
  });

  it('answers 404 for a programme that does not exist', async () => {
    expect((await hr.get('/hr/programmes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await postForm(hr, '/hr/programmes/nonsense/archive')).status).toBe(404);
  });
});

describe('exemptions', () => {
  it('exempts a person chosen by email, with the reason, and removes the exemption', async () => {
    const programme = await buildProgramme(t.dataSource);
    const person = await buildEmployee(t.dataSource);
    const added = await postForm(hr, `/hr/programmes/${programme.id}/exemptions`, { email: person.email.toUpperCase(), reason: 'On parental leave all year' });
    expect(added.status).toBe(303);
    expect(await exemptionsOf(programme.id)).toEqual([
      expect.objectContaining({ employeeId: person.id, reason: 'On parental leave all year', createdBy: hrId }),
    ]);
    const page = await hr.get(`/hr/programmes/${programme.id}`);
    expect(page.text).toContain(person.fullName);
    expect(page.text).toContain('On parental leave all year');

    const removed = await postForm(hr, `/hr/programmes/${programme.id}/exemptions/${person.id}/remove`);
    expect(removed.status).toBe(303);
    expect(await exemptionsOf(programme.id)).toEqual([]);
    expect(await auditActions(programme.id)).toEqual(['exemption-added', 'exemption-removed']);
    expect((await postForm(hr, `/hr/programmes/${programme.id}/exemptions/${person.id}/remove`)).status).toBe(404);
  });

  it.each<[string, (email: string) => FormFields, string]>([
    ['an unknown email', () => ({ email: 'nobody@example.test', reason: 'Leaving soon' }), 'Nobody has the email nobody@example.test'],
    ['an email that is not one', () => ({ email: 'not an email', reason: 'Leaving soon' }), 'Enter an email like name@example.com'],
    ['no reason', (email) => ({ email, reason: '   ' }), 'Give the reason for the exemption'],
  ])('refuses %s with a message, keeps the values and saves nothing', async (_, fields, message) => {
    const programme = await buildProgramme(t.dataSource);
    const person = await buildEmployee(t.dataSource);
    const form = fields(person.email);
    const response = await postForm(hr, `/hr/programmes/${programme.id}/exemptions`, form);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain(`value="${form.email}"`);
    expect(await exemptionsOf(programme.id)).toEqual([]);
  });

  it('refuses to exempt a person twice', async () => {
    const programme = await buildProgramme(t.dataSource);
    const person = await buildEmployee(t.dataSource);
    await postForm(hr, `/hr/programmes/${programme.id}/exemptions`, { email: person.email, reason: 'First reason' });
    const again = await postForm(hr, `/hr/programmes/${programme.id}/exemptions`, { email: person.email, reason: 'Second reason' });
    expect(again.status).toBe(422);
    expect(again.text).toContain(`${person.fullName} is already exempt from ${programme.name}`);
    expect((await exemptionsOf(programme.id)).map((exemption) => exemption.reason)).toEqual(['First reason']);
  });
});
