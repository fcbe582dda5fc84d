// Text too long, numbers too big, small or not numbers at all, dates and weeks that do not exist, time zones on other
// planets: each form refuses the value with a message next to its field (422) and saves nothing; each page asked for
// such a week or date answers with a message or without that filter, never with a server error.
import type { Agent } from '../support/sessions';
import { postForm, type FormFields } from '../rotations/forms';
import { startTestApp, type TestApp } from '../support/test-app';
import { databaseState, changedTables, type DatabaseState } from './database-state';
import { answerOf, problemsWith } from './form-attacks';
import { buildHostileOrganisation, type HostileOrganisation } from './hostile-organisation';
import { badDates, badNumbers, badTimeZones, badWeeks, overlong } from './hostile-values';

let t: TestApp;
let org: HostileOrganisation;
let state: DatabaseState;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildHostileOrganisation(t);
  state = await databaseState(t.dataSource);
});
afterAll(() => t.close());

interface FormCase {
  what: string;
  agent: () => Agent;
  action: () => string;
  /** A submission the form accepts. */
  valid: () => Promise<FormFields> | FormFields;
  field: string;
  /** Where the error summary links to, when not the field's own name. */
  anchor?: string;
}

/** Sends the valid submission with `field` replaced; expects a 422 naming the problem, and no row changed. */
async function expectRefused(form: FormCase, value: string): Promise<string> {
  const before = await state.fingerprints();
  const response = await postForm(form.agent(), form.action(), { ...(await form.valid()), [form.field]: value });
  const changed = changedTables(before, await state.fingerprints());
  expect({ value: value.slice(0, 40), status: response.status, changed, problems: problemsWith(answerOf(response)) }).toEqual({
    value: value.slice(0, 40),
    status: 422,
    changed: [],
    problems: [],
  });
  const message = /class="error-(?:summary|message)"[\s\S]*?<\/(?:ul|p)>/.exec(response.text)?.[0] ?? '';
  expect(message).toContain(`href="#${form.anchor ?? form.field}"`);
  return message;
}

const hr = () => org.hr.agent;
const employee = () => org.employee.agent;
const id = async (sql: string, parameters: unknown[] = []) => (await t.dataSource.query(sql, parameters))[0].id as string;

const desk = { name: 'Valid desk', hosts: 'all', days: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', weeklyCapacity: 3, minimumHosts: '' };
const programme = { name: 'Valid programme', kind: 'recurring', lengthWeeks: 2, expectedHoursPerWeek: 10, 'stages.0.name': 'Solo', 'stages.0.amount': 2, 'stages.0.unit': 'weeks', appliesTo: 'all', everyMonths: 12, earlyWeeks: 2 };
const employeeFields = async () => ({ fullName: 'Val Id', email: 'val.id@example.test', departmentId: org.alpha.id, siteId: org.siteId, jobTitle: 'Analyst', hireDate: '2024-02-01', terminationDate: '' });
const shift = () => ({ assignmentId: org.currentAssignmentId, date: org.currentRotationStart, startTime: '13:00', endTime: '14:00', channel: 'chat', contacts: 2, stage: 'solo', notes: '' });
const insight = async () => ({
  summary: 'The app logs me out',
  verbatim: 'Every ten minutes',
  situation: '',
  categoryId: await id(`SELECT id FROM insight_categories WHERE lower(name) = 'usability'`),
  productAreaId: '',
  severity: 'minor',
  shiftId: await id(`SELECT id FROM shifts WHERE employee_id = $1`, [org.employee.person.id]),
  contactsRaised: 1,
  tags: '',
  departmentIds: org.alpha.id,
  intent: 'save',
});

const textForms: FormCase[] = [
  { what: 'a department’s name', agent: hr, action: () => '/hr/departments', valid: () => ({ name: 'Valid department' }), field: 'name' },
  { what: 'a site’s name', agent: hr, action: () => '/hr/sites', valid: () => ({ name: 'Valid site', timeZone: 'Europe/Dublin', countryCode: 'IE' }), field: 'name' },
  { what: 'a desk’s name', agent: hr, action: () => '/hr/desks', valid: () => ({ ...desk, siteId: org.siteId }), field: 'name' },
  { what: 'a programme’s name', agent: hr, action: () => '/hr/programmes', valid: () => programme, field: 'name' },
  { what: 'a stage’s name', agent: hr, action: () => '/hr/programmes', valid: () => programme, field: 'stages.0.name' },
  { what: 'a person’s name', agent: hr, action: () => '/hr/employees', valid: employeeFields, field: 'fullName' },
  { what: 'a job title', agent: hr, action: () => '/hr/employees', valid: employeeFields, field: 'jobTitle' },
  { what: 'an email', agent: hr, action: () => '/hr/employees', valid: employeeFields, field: 'email' },
  { what: 'a department’s heads', agent: hr, action: () => `/hr/departments/${org.alpha.id}/heads`, valid: () => ({ heads: org.head.person.email }), field: 'heads' },
  { what: 'a category’s name', agent: hr, action: () => '/hr/insight-lists/categories', valid: () => ({ name: 'Valid category' }), field: 'name', anchor: 'category-new' },
  { what: 'a blackout’s note', agent: hr, action: () => `/hr/limits/${org.alpha.id}/blackouts`, valid: () => ({ week: '2031-W10', through: '', note: '' }), field: 'note' },
  { what: 'an exemption’s reason', agent: hr, action: () => `/hr/programmes/${org.programmeId}/exemptions`, valid: () => ({ email: org.employee.person.email, reason: 'Valid' }), field: 'reason' },
  { what: 'an absence’s note', agent: employee, action: () => '/me/absences', valid: () => ({ type: 'vacation', startsOn: '2031-03-03', endsOn: '2031-03-07', note: '' }), field: 'note' },
  { what: 'a shift’s notes', agent: employee, action: () => '/me/shifts', valid: shift, field: 'notes' },
  { what: 'an insight’s summary', agent: employee, action: () => '/me/insights', valid: insight, field: 'summary' },
  { what: 'what the customer said', agent: employee, action: () => '/me/insights', valid: insight, field: 'verbatim' },
  { what: 'the customer’s situation', agent: employee, action: () => '/me/insights', valid: insight, field: 'situation' },
  { what: 'an insight’s tags', agent: employee, action: () => '/me/insights', valid: insight, field: 'tags' },
];

describe('text of 10,001 characters', () => {
  it.each(textForms.map((form) => [form.what, form] as const))('in %s is refused with its limit, saving nothing', async (_what, form) => {
    const message = await expectRefused(form, overlong);
    expect(message).toMatch(/at most [\d,]+ characters|Enter an email/);
    // Says so in a sentence, without repeating the text back.
    expect(message.length).toBeLessThan(1_000);
  });
});

const numberForms: FormCase[] = [
  { what: 'a desk’s weekly capacity', agent: hr, action: () => '/hr/desks', valid: () => ({ ...desk, siteId: org.siteId }), field: 'weeklyCapacity' },
  { what: 'a programme’s length', agent: hr, action: () => '/hr/programmes', valid: () => programme, field: 'lengthWeeks' },
  { what: 'a programme’s expected hours', agent: hr, action: () => '/hr/programmes', valid: () => programme, field: 'expectedHoursPerWeek' },
  { what: 'a capacity override', agent: hr, action: () => `/hr/desks/${org.deskId}/overrides`, valid: () => ({ week: '2031-W10', through: '', capacity: 2 }), field: 'capacity' },
  { what: 'a department’s share limit', agent: hr, action: () => `/hr/limits/${org.alpha.id}`, valid: () => ({ maxSharePercent: 50 }), field: 'maxSharePercent' },
  { what: 'the reminder days', agent: hr, action: () => '/hr/settings', valid: () => ({ reminderDaysBefore: 7, swapsNeedApproval: 'yes', completionSharePercent: 80, lateLoggingGraceDays: 3 }), field: 'reminderDaysBefore' },
  { what: 'the completion share', agent: hr, action: () => '/hr/settings', valid: () => ({ reminderDaysBefore: 7, swapsNeedApproval: 'yes', completionSharePercent: 80, lateLoggingGraceDays: 3 }), field: 'completionSharePercent' },
  { what: 'a plan run’s horizon', agent: hr, action: () => '/hr/plan-runs', valid: () => ({ horizonWeeks: 52 }), field: 'horizonWeeks' },
  { what: 'a shift’s contacts', agent: employee, action: () => '/me/shifts', valid: shift, field: 'contacts' },
  { what: 'an insight’s contacts', agent: employee, action: () => '/me/insights', valid: insight, field: 'contactsRaised' },
];

describe('numbers too big, negative, fractional or not numbers', () => {
  it.each(numberForms.map((form) => [form.what, form] as const))('in %s are refused, saving nothing', async (_what, form) => {
    for (const value of badNumbers) await expectRefused(form, value);
  });

  it('in the weeks to extend a rotation by are refused, extending nothing', async () => {
    const [{ version }] = await t.dataSource.query(`SELECT version FROM assignments WHERE id = $1`, [org.incompleteAssignmentId]);
    for (const weeks of badNumbers) {
      const before = await state.fingerprints();
      const response = await postForm(hr(), `/hr/incomplete/${org.incompleteAssignmentId}/extend`, { version, weeks });
      expect([weeks, response.status, changedTables(before, await state.fingerprints())]).toEqual([weeks, 422, []]);
      expect(response.text).toMatch(/Enter the weeks to add as a whole number|Add at (least|most)/);
    }
  });
});

const dateForms: FormCase[] = [
  { what: 'a hire date', agent: hr, action: () => '/hr/employees', valid: employeeFields, field: 'hireDate' },
  { what: 'an absence’s first day', agent: employee, action: () => '/me/absences', valid: () => ({ type: 'vacation', startsOn: '2031-03-03', endsOn: '2031-03-07', note: '' }), field: 'startsOn' },
  { what: 'a shift’s date', agent: employee, action: () => '/me/shifts', valid: shift, field: 'date' },
  { what: 'an onboarding programme’s first hire date', agent: hr, action: () => '/hr/programmes', valid: () => ({ ...programme, kind: 'onboarding', everyMonths: '', earlyWeeks: '', startWithinWeeks: 2, appliesToHiresFrom: '2026-01-01' }), field: 'appliesToHiresFrom' },
  { what: 'a shift’s start time', agent: employee, action: () => '/me/shifts', valid: shift, field: 'startTime' },
];

describe('dates that do not exist', () => {
  it.each(dateForms.map((form) => [form.what, form] as const))('in %s are refused, saving nothing', async (_what, form) => {
    for (const value of [...badDates, '0000-01-01', '25:61']) await expectRefused(form, value);
  });

  it('in a deactivation are refused, and the person stays as they were', async () => {
    const [{ version }] = await t.dataSource.query(`SELECT version FROM employees WHERE id = $1`, [org.employee.person.id]);
    for (const terminationDate of [...badDates, '0000-01-01']) {
      await expectRefused({ what: 'a last working day', agent: hr, action: () => `/hr/employees/${org.employee.person.id}/deactivate`, valid: () => ({ version }), field: 'terminationDate' }, terminationDate);
    }
  });

  it('in a page’s date filters are dropped or refused with a message, never a server error', async () => {
    const problems: string[] = [];
    for (const value of [...badDates, '0000-01-01']) {
      const date = encodeURIComponent(value);
      for (const address of [
        `/hr/employees?hiredFrom=${date}&hiredTo=${date}`,
        `/hr/learnings?from=${date}&to=${date}`,
        `/hr/learnings/figures?from=${date}&to=${date}`,
        `/hr/audit?from=${date}&to=${date}`,
        `/hr/employees/export.csv?hiredFrom=${date}`,
      ]) {
        const response = await hr().get(address);
        problems.push(...problemsWith(answerOf(response)).map((problem) => `${address}: ${problem}`));
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('weeks that do not exist', () => {
  const weekForms: FormCase[] = [
    { what: 'a capacity override', agent: hr, action: () => `/hr/desks/${org.deskId}/overrides`, valid: () => ({ week: '2031-W10', through: '', capacity: 2 }), field: 'week' },
    { what: 'a capacity override’s last week', agent: hr, action: () => `/hr/desks/${org.deskId}/overrides`, valid: () => ({ week: '2031-W10', through: '', capacity: 2 }), field: 'through' },
    { what: 'a blackout', agent: hr, action: () => `/hr/limits/${org.alpha.id}/blackouts`, valid: () => ({ week: '2031-W10', through: '', note: '' }), field: 'week' },
  ];

  it.each(weekForms.map((form) => [form.what, form] as const))('in %s are refused, saving nothing', async (_what, form) => {
    for (const value of [...badWeeks, '0000-W10', 'yesterday']) await expectRefused(form, value);
  });

  it('in a calendar, the timeline or the lists answer with a message or without the filter, never a server error', async () => {
    const problems: string[] = [];
    for (const week of [...badWeeks, '0000-W10', '0000-W01', '9999-W52', '9999-W40']) {
      for (const address of [
        `/desks/${org.deskId}/calendar?from=${week}`,
        `/hr/departments/${org.alpha.id}/calendar?from=${week}&weeks=8`,
        `/hr/timeline?from=${week}`,
        `/hr/coverage?from=${week}&weeks=12`,
        `/hr/assignments?week=${week}`,
        `/hr/dashboard/people?figure=overdue&week=${week}`,
      ]) {
        const response = await hr().get(address);
        problems.push(...problemsWith(answerOf(response)).map((problem) => `${address}: ${problem}`));
      }
      const head = await org.head.agent.get(`/head/calendar?from=${week}&weeks=8`);
      problems.push(...problemsWith(answerOf(head)).map((problem) => `/head/calendar?from=${week}: ${problem}`));
    }
    expect(problems).toEqual([]);
    const late = await hr().get(`/desks/${org.deskId}/calendar?from=9999-W52&weeks=8`);
    expect(late.status).toBe(422);
    expect(late.text).toContain('Choose an earlier first week: the calendar ends with the year 9999');
  });
});

describe('time zones that do not exist', () => {
  it.each(badTimeZones)('refuses the time zone %j on a new site and on an existing one, saving nothing', async (timeZone) => {
    const site = { name: 'Valid site', timeZone: 'Europe/Dublin', countryCode: 'IE' };
    const created = await expectRefused({ what: 'a new site', agent: hr, action: () => '/hr/sites', valid: () => site, field: 'timeZone' }, timeZone);
    expect(created).toMatch(/Unknown time zone|Enter a time zone/);
    await expectRefused({ what: 'a site', agent: hr, action: () => `/hr/sites/${org.siteId}`, valid: () => ({ ...site, name: 'Berlin' }), field: 'timeZone' }, timeZone);
  });
});
