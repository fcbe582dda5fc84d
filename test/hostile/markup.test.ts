// Script tags, event handlers and javascript: URLs typed into names, insights, shift notes and searches are kept
// exactly as typed and shown as text wherever they appear: pages, the weekly digest, CSV exports and calendars.
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { inTransaction } from '../../src/db/transaction';
import { sendWeeklyDigests } from '../../src/learnings/weekly-digest';
import { getCalendar } from '../calendars/calendar-requests';
import { parseIcs } from '../calendars/parse-ics';
import { postForm } from '../rotations/forms';
import { buildAssignment, buildEmployee } from '../support/factories';
import { csrfTokenFrom, signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildHostileOrganisation, type HostileOrganisation } from './hostile-organisation';
import { escapedHtml, eventHandler, javascriptUrl, scriptTag, unescapedMarkup } from './hostile-values';

let t: TestApp;
let org: HostileOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildHostileOrganisation(t);
});
afterAll(() => t.close());

/** Fetches each page and says which show hostile markup live, or fail. */
async function pagesShowingMarkup(agent: typeof org.hr.agent, addresses: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const address of addresses) {
    const page = await agent.get(address);
    if (page.status !== 200) problems.push(`${address} answered ${page.status}`);
    for (const markup of unescapedMarkup(page.text)) problems.push(`${address} shows ${markup}`);
  }
  return problems;
}

async function writeInsight(fields: { summary: string; verbatim: string; situation: string; tags: string }): Promise<string> {
  const [{ id: categoryId }] = await t.dataSource.query(`SELECT id FROM insight_categories WHERE lower(name) = 'usability'`);
  const [{ id: shiftId }] = await t.dataSource.query(`SELECT id FROM shifts WHERE employee_id = $1 LIMIT 1`, [org.employee.person.id]);
  const saved = await postForm(org.employee.agent, '/me/insights', {
    ...fields,
    categoryId,
    productAreaId: '',
    severity: 'significant',
    shiftId,
    contactsRaised: 2,
    departmentIds: org.alpha.id,
    intent: 'save',
  });
  expect(saved.status).toBe(303);
  return saved.headers.location.split('/').pop()!;
}

describe('an insight written with markup', () => {
  const words = { summary: scriptTag, verbatim: `She said ${eventHandler}`, situation: javascriptUrl, tags: '<b>bold</b>, <script>' };
  let insightId: string;
  beforeAll(async () => {
    insightId = await writeInsight(words);
  });

  it('is stored exactly as typed', async () => {
    const [row] = await t.dataSource.query(`SELECT summary, verbatim, situation FROM insights WHERE id = $1`, [insightId]);
    expect(row).toEqual({ summary: words.summary, verbatim: words.verbatim, situation: words.situation });
  });

  it('is shown as text to its author, on the head’s learnings feed and insight page, and to HR', async () => {
    expect(await pagesShowingMarkup(org.employee.agent, [`/me/insights/${insightId}`, '/me/insights', '/learnings'])).toEqual([]);
    expect(await pagesShowingMarkup(org.head.agent, ['/head/learnings', `/head/learnings/${insightId}`, `/insights/${insightId}/merge`])).toEqual([]);
    expect(await pagesShowingMarkup(org.hr.agent, ['/hr/learnings', `/hr/learnings/${insightId}`, '/hr/learnings?q=script'])).toEqual([]);
    const feed = await org.head.agent.get('/head/learnings');
    expect(feed.text).toContain(escapedHtml(words.summary));
    const page = await org.head.agent.get(`/head/learnings/${insightId}`);
    expect(page.text).toContain(escapedHtml(words.verbatim));
    expect(page.text).not.toContain(`href="${javascriptUrl}`);
  });

  it('comes out of the learnings export as the same text, in one cell each', async () => {
    const response = await org.head.agent.get('/head/learnings/export.csv');
    expect(response.status).toBe(200);
    const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
    expect(records.find((record) => record.Summary === words.summary)).toMatchObject({ 'What the customer said': words.verbatim, Situation: words.situation });
  });

  it('appears in the head’s weekly digest as plain text, and as text where the digest is read in Frontline', async () => {
    const monday = DateTime.now().setZone('Europe/Berlin').startOf('week').set({ hour: 12 });
    expect(await inTransaction(t.dataSource, (manager) => sendWeeklyDigests(manager, monday))).toBeGreaterThan(0);
    const [digest]: { body: string }[] = await t.dataSource.query(
      `SELECT m.body FROM notices n JOIN outbox_messages m ON m.id = n.outbox_message_id WHERE n.kind = 'learnings-digest' AND n.employee_id = $1`,
      [org.head.person.id],
    );
    expect(digest.body).toContain(`- ${words.summary} (new for`);
    expect(await pagesShowingMarkup(org.head.agent, ['/me/notices'])).toEqual([]);
    expect(await pagesShowingMarkup(org.hr.agent, ['/hr/outbox'])).toEqual([]);
    expect((await org.head.agent.get('/me/notices')).text).toContain(escapedHtml(words.summary));
  });
});

describe('names written with markup', () => {
  const names = { department: `Dept ${scriptTag}`, site: `Site ${eventHandler}`, desk: `Desk ${scriptTag}`, person: `Pat ${eventHandler}`, title: javascriptUrl };
  let deskId: string;
  let personId: string;
  beforeAll(async () => {
    expect((await postForm(org.hr.agent, '/hr/departments', { name: names.department })).status).toBe(303);
    expect((await postForm(org.hr.agent, '/hr/sites', { name: names.site, timeZone: 'Europe/Dublin', countryCode: 'IE' })).status).toBe(303);
    const [{ id: siteId }] = await t.dataSource.query(`SELECT id FROM sites WHERE name = $1`, [names.site]);
    const [{ id: departmentId }] = await t.dataSource.query(`SELECT id FROM departments WHERE name = $1`, [names.department]);
    const desk = await postForm(org.hr.agent, '/hr/desks', {
      name: names.desk,
      siteId,
      hosts: 'all',
      days: [1, 2, 3, 4, 5],
      startTime: '09:00',
      endTime: '17:00',
      weeklyCapacity: 3,
      minimumHosts: '',
    });
    expect(desk.status).toBe(303);
    deskId = (await t.dataSource.query(`SELECT id FROM desks WHERE name = $1`, [names.desk]))[0].id;
    const person = await postForm(org.hr.agent, '/hr/employees', {
      fullName: names.person,
      email: 'pat.markup@example.test',
      departmentId,
      siteId,
      jobTitle: names.title,
      hireDate: '2024-02-01',
      terminationDate: '',
    });
    expect(person.status).toBe(303);
    personId = (await t.dataSource.query(`SELECT id FROM employees WHERE email = 'pat.markup@example.test'`))[0].id;
    await buildAssignment(t.dataSource, { employeeId: personId, programmeId: org.programmeId, deskId, firstWeek: DateTime.now().plus({ weeks: 3 }).toFormat("kkkk-'W'WW"), weeks: 1 });
  });

  it('are stored as typed and shown as text on every HR page that lists them', async () => {
    const [row] = await t.dataSource.query(`SELECT full_name, job_title FROM employees WHERE id = $1`, [personId]);
    expect(row).toEqual({ full_name: names.person, job_title: names.title });
    const pages = ['/hr/departments', '/hr/sites', '/hr/desks', `/hr/desks/${deskId}`, '/hr/employees', `/hr/employees/${personId}`, `/hr/employees/${personId}/edit`];
    expect(await pagesShowingMarkup(org.hr.agent, [...pages, '/hr/assignments', '/hr/coverage', '/hr/timeline', `/desks/${deskId}/calendar`, '/hr/dashboard', '/hr/audit'])).toEqual([]);
    expect((await org.hr.agent.get('/hr/employees')).text).toContain(escapedHtml(names.person));
  });

  it('are shown as text to the person themselves', async () => {
    const pat = await buildEmployee(t.dataSource, { email: 'pat.signs.in@example.test' });
    await t.dataSource.query(`UPDATE employees SET full_name = $2 WHERE id = $1`, [pat.id, names.person]);
    const agent = await signIn(t.app, pat.email);
    expect(await pagesShowingMarkup(agent, ['/me', '/me/rotations', '/me/profile'])).toEqual([]);
  });

  it('come out of the employees export as the same text', async () => {
    const response = await org.hr.agent.get('/hr/employees/export.csv?search=pat.markup');
    const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
    expect(records).toEqual([expect.objectContaining({ full_name: names.person, department: names.department, site: names.site, job_title: names.title })]);
  });

  it('end up in calendar files as text of one property, never as properties of their own', async () => {
    const injection = 'Desk\r\nATTENDEE:mailto:evil@example.test\r\nX-INJECTED:1';
    const renamed = await postForm(org.hr.agent, `/hr/desks/${deskId}`, {
      name: injection,
      siteId: (await t.dataSource.query(`SELECT site_id FROM desks WHERE id = $1`, [deskId]))[0].site_id,
      hosts: 'all',
      days: [1, 2, 3, 4, 5],
      startTime: '09:00',
      endTime: '17:00',
      weeklyCapacity: 3,
    });
    expect(renamed.status).toBe(303);
    await t.dataSource.query(`UPDATE employees SET full_name = $2 WHERE id = $1`, [personId, 'Pat;Semi,Comma\\Back\nDESCRIPTION:forged']);

    const feedPage = await org.hr.agent.post(`/desks/${deskId}/calendar/feed`).type('form').send({ _csrf: await csrfTokenFrom(org.hr.agent, `/desks/${deskId}/calendar`) });
    expect(feedPage.status).toBe(303);
    const address = /value="http[^"]+(\/feeds\/[^"]+\.ics)"/.exec((await org.hr.agent.get(`/desks/${deskId}/calendar`)).text)![1];
    const ics = (await getCalendar(org.hr.agent, address)).body;

    // Unfolded, every line is one property: no line of the file starts with what the names tried to add.
    const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines.filter((line: string) => /^(ATTENDEE|X-INJECTED|DESCRIPTION:forged)/.test(line))).toEqual([]);
    // The calendar's name, like every text value, carries its line breaks escaped (RFC 5545, 3.3.11).
    expect(lines).toContain('X-WR-CALNAME:Rotations: Desk\\nATTENDEE:mailto:evil@example.test\\nX-INJECTED:1');
    const calendar = await parseIcs(ics);
    expect(calendar.events.length).toBeGreaterThan(0);
    expect(calendar.events[0].summary).toBe('Pat;Semi,Comma\\Back\nDESCRIPTION:forged on Desk\nATTENDEE:mailto:evil@example.test\nX-INJECTED:1');
  });
});

describe('markup in searches and shift notes', () => {
  it('shows a search for markup as text in the search box, and finds nothing odd', async () => {
    for (const address of [`/hr/employees?search=${encodeURIComponent(eventHandler)}`, `/hr/learnings?q=${encodeURIComponent(scriptTag)}`, `/hr/audit?actor=${encodeURIComponent(eventHandler)}`]) {
      const page = await org.hr.agent.get(address);
      expect([address, page.status, unescapedMarkup(page.text)]).toEqual([address, 200, []]);
      expect(page.text).toContain(`value="${escapedHtml(address.includes('learnings') ? scriptTag : eventHandler)}"`);
    }
  });

  it('keeps shift notes as typed and shows them as text to the employee and to HR', async () => {
    const [{ id: shiftId, version }] = await t.dataSource.query(`SELECT id, version FROM shifts WHERE employee_id = $1 LIMIT 1`, [org.employee.person.id]);
    const form = (await org.employee.agent.get(`/me/shifts/${shiftId}/edit`)).text;
    const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? '';
    const saved = await postForm(org.employee.agent, `/me/shifts/${shiftId}`, {
      version,
      date: field('date'),
      startTime: field('startTime'),
      endTime: field('endTime'),
      channel: 'phone',
      contacts: 4,
      stage: 'solo',
      notes: `${scriptTag}\n${eventHandler}`,
    });
    expect(saved.status).toBe(303);
    expect((await t.dataSource.query(`SELECT notes FROM shifts WHERE id = $1`, [shiftId]))[0].notes).toBe(`${scriptTag}\n${eventHandler}`);
    expect(await pagesShowingMarkup(org.employee.agent, ['/me/shifts', `/me/shifts/${shiftId}/edit`])).toEqual([]);
    expect(await pagesShowingMarkup(org.hr.agent, [`/hr/shifts?assignment=${org.currentAssignmentId}`, `/hr/shifts/${shiftId}`])).toEqual([]);
  });
});

describe('cells a spreadsheet would run as formulas', () => {
  const formulas = { summary: '=HYPERLINK("http://evil.example","Open")', verbatim: '＋cmd|\' /C calc\'!A0', situation: '@SUM(1+1)*cmd|', tags: 'plain' };

  it('leave the learnings export with an apostrophe in front, and the rest as typed', async () => {
    await writeInsight(formulas);
    const response = await org.hr.agent.get('/hr/learnings/export.csv');
    const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
    expect(records.find((record) => record.Summary === `'${formulas.summary}`)).toMatchObject({
      'What the customer said': `'${formulas.verbatim}`,
      Situation: `'${formulas.situation}`,
    });
  });

  it('leave the employees export with an apostrophe in front, and the rest as typed', async () => {
    await buildEmployee(t.dataSource, { fullName: '-2+3+cmd|', jobTitle: '＝1+1', email: 'formula.cells@example.test', departmentId: org.alpha.id, siteId: org.siteId });
    const response = await org.hr.agent.get('/hr/employees/export.csv?search=formula.cells');
    const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
    expect(records).toEqual([expect.objectContaining({ full_name: "'-2+3+cmd|", job_title: "'＝1+1" })]);
  });
});
