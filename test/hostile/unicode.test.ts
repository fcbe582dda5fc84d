// Names and insights in any script, with emoji sequences, combining marks and direction marks, are stored and shown
// exactly as written, found by search and carried into exports and calendars; NUL and other control characters,
// which no one types and PostgreSQL or calendar files refuse, are refused with a message next to the field.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { getCalendar } from '../calendars/calendar-requests';
import { parseIcs } from '../calendars/parse-ics';
import { postForm } from '../rotations/forms';
import { buildAssignment } from '../support/factories';
import { submitSignIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { databaseState, changedTables, type DatabaseState } from './database-state';
import { buildHostileOrganisation, type HostileOrganisation } from './hostile-organisation';
import { nulByte, unicodeNames } from './hostile-values';

let t: TestApp;
let org: HostileOrganisation;
let state: DatabaseState;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildHostileOrganisation(t);
  state = await databaseState(t.dataSource);
});
afterAll(() => t.close());

const scripts = Object.entries(unicodeNames);

const newPerson = (fullName: string, email: string) => ({
  fullName,
  email,
  departmentId: org.alpha.id,
  siteId: org.siteId,
  jobTitle: `${fullName} lead`,
  hireDate: '2024-02-01',
  terminationDate: '',
});

describe('names in any script', () => {
  const people = new Map<string, string>();
  beforeAll(async () => {
    for (const [key, fullName] of scripts) {
      const created = await postForm(org.hr.agent, '/hr/employees', newPerson(fullName, `${key.toLowerCase()}@example.test`));
      expect([key, created.status]).toEqual([key, 303]);
      people.set(key, (await t.dataSource.query(`SELECT id FROM employees WHERE email = $1`, [`${key.toLowerCase()}@example.test`]))[0].id);
    }
  });

  it.each(scripts)('keeps the %s name exactly as written, code point for code point', async (key, fullName) => {
    const [row] = await t.dataSource.query(`SELECT full_name, job_title FROM employees WHERE id = $1`, [people.get(key)]);
    expect([...row.full_name]).toEqual([...fullName]);
    expect(row.job_title).toBe(`${fullName} lead`);
  });

  it.each(scripts)('shows the %s name as written on the list and the profile, and finds it by search', async (key, fullName) => {
    const profile = await org.hr.agent.get(`/hr/employees/${people.get(key)}`);
    expect(profile.text).toContain(fullName);
    const found = await org.hr.agent.get(`/hr/employees?search=${encodeURIComponent(fullName.split(' ')[0])}`);
    expect(found.text).toContain(`/hr/employees/${people.get(key)}`);
  });

  it('carries every name into the employees export unchanged', async () => {
    const response = await org.hr.agent.get('/hr/employees/export.csv');
    const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
    for (const [, fullName] of scripts) expect(records.map((record) => record.full_name)).toContain(fullName);
  });

  it('carries a name into the desk’s calendar feed unchanged', async () => {
    const id = people.get('emojiSequence')!;
    await buildAssignment(t.dataSource, { employeeId: id, programmeId: org.programmeId, deskId: org.deskId, firstWeek: '2031-W10', weeks: 1 });
    await org.hr.agent.post(`/desks/${org.deskId}/calendar/feed`).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec((await org.hr.agent.get('/about')).text)![1] });
    const address = /value="http[^"]+(\/feeds\/[^"]+\.ics)"/.exec((await org.hr.agent.get(`/desks/${org.deskId}/calendar`)).text)![1];
    const calendar = await parseIcs((await getCalendar(org.hr.agent, address)).body);
    expect(calendar.events.map((event) => event.summary)).toContain(`${unicodeNames.emojiSequence} on Berlin phone`);
  });
});

describe('insights in any script', () => {
  it('keeps and shows an insight written in Hebrew and Arabic, with emoji and combining marks', async () => {
    const summary = `${unicodeNames.hebrew}: הכפתור לא עובד 👩🏽‍💻`;
    const verbatim = `${unicodeNames.arabic} قالت إن الزر لا يعمل، Ame\u0301lie`;
    const [{ id: categoryId }] = await t.dataSource.query(`SELECT id FROM insight_categories WHERE lower(name) = 'usability'`);
    const [{ id: shiftId }] = await t.dataSource.query(`SELECT id FROM shifts WHERE employee_id = $1`, [org.employee.person.id]);
    const saved = await postForm(org.employee.agent, '/me/insights', {
      summary,
      verbatim,
      situation: unicodeNames.rightToLeftOverride,
      categoryId,
      productAreaId: '',
      severity: 'minor',
      shiftId,
      contactsRaised: 1,
      tags: 'übung, 日本',
      departmentIds: org.alpha.id,
      intent: 'save',
    });
    expect(saved.status).toBe(303);
    const id = saved.headers.location.split('/').pop();
    const [row] = await t.dataSource.query(`SELECT summary, verbatim, situation FROM insights WHERE id = $1`, [id]);
    expect(row).toEqual({ summary, verbatim, situation: unicodeNames.rightToLeftOverride });
    const page = await org.head.agent.get(`/head/learnings/${id}`);
    for (const text of [summary, verbatim, unicodeNames.rightToLeftOverride, 'übung', '日本']) expect(page.text).toContain(text);
    const feed = await org.head.agent.get(`/head/learnings?q=${encodeURIComponent('הכפתור')}`);
    expect(feed.text).toContain(summary);
  });
});

describe('control characters', () => {
  const controls = [
    ['a NUL byte', nulByte],
    ['a bell', 'a\u0007b'],
    ['an escape sequence', 'a\u001b[31mred'],
    ['a DEL', 'a\u007fb'],
  ];

  it.each(controls)('refuses %s in a person’s name with a message at the field, saving nothing', async (_what, value) => {
    const before = await state.fingerprints();
    const response = await postForm(org.hr.agent, '/hr/employees', newPerson(value, 'control.person@example.test'));
    expect(response.status).toBe(422);
    expect(response.text).toContain('<a href="#fullName">Remove the invisible control character from this field</a>');
    expect(changedTables(before, await state.fingerprints())).toEqual([]);
  });

  it.each(controls)('refuses %s in an insight and in shift notes, saving nothing', async (_what, value) => {
    const before = await state.fingerprints();
    const insight = await postForm(org.employee.agent, '/me/insights', { summary: 'Fine', verbatim: value, intent: 'save' });
    expect(insight.status).toBe(422);
    expect(insight.text).toContain('<a href="#verbatim">Remove the invisible control character from this field</a>');
    const [{ id: shiftId, version }] = await t.dataSource.query(`SELECT id, version FROM shifts WHERE employee_id = $1`, [org.employee.person.id]);
    const notes = await postForm(org.employee.agent, `/me/shifts/${shiftId}`, { version, notes: value });
    expect(notes.status).toBe(422);
    expect(notes.text).toContain('<a href="#notes">Remove the invisible control character from this field</a>');
    expect(changedTables(before, await state.fingerprints())).toEqual([]);
  });

  it('refuses a NUL byte in a department’s, a site’s and a category’s name, and at sign-in', async () => {
    const before = await state.fingerprints();
    for (const [action, fields] of [
      ['/hr/departments', { name: `Dept${nulByte}` }],
      ['/hr/sites', { name: `Site${nulByte}`, timeZone: 'Europe/Dublin', countryCode: 'IE' }],
      ['/hr/insight-lists/categories', { name: `Cat${nulByte}` }],
    ] as const) {
      const response = await postForm(org.hr.agent, action, fields);
      expect([action, response.status]).toEqual([action, 422]);
      expect(response.text).toContain('Remove the invisible control character from this field');
    }
    const signIn = await submitSignIn(request.agent(t.app), `a${nulByte}@example.test`, 'whatever it is');
    expect(signIn.status).toBe(422);
    expect(signIn.text).toContain('Remove the invisible control character from this field');
    expect(changedTables(before, await state.fingerprints())).toEqual([]);
  });

  it('ignores a search holding a NUL byte rather than failing', async () => {
    for (const address of ['/hr/employees?search=', '/hr/assignments?search=', '/hr/audit?actor=', '/hr/learnings?q=', '/insights/similar?summary=']) {
      const response = await org.hr.agent.get(`${address}${encodeURIComponent(nulByte)}`);
      expect([address, response.status]).toEqual([address, 200]);
    }
  });
});
