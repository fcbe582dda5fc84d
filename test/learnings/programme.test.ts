// "What customers told us": everyone reads the themes of the last eight weeks across departments and what was done
// about them, and no author is ever named there.
import { Settings } from 'luxon';
import request from 'supertest';
import { postForm } from '../rotations/forms';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLearningsOrganisation, buildRotatingPerson, insertInsight, logShift, type LearningsOrganisation, type Person } from './learnings-setup';

let t: TestApp;
let org: LearningsOrganisation;
let authors: Person[];

/** 200 contacts handled in February 2027; today is Sunday 28 February, so the page covers 4 January to 28 February. */
beforeAll(async () => {
  t = await startTestApp();
  org = await buildLearningsOrganisation(t);
  const first = await buildRotatingPerson(t, org);
  const second = await buildRotatingPerson(t, org);
  authors = [first, second];
  await logShift(t, first, '2027-02-02T09:00:00Z', 150);
  await logShift(t, second, '2027-02-09T09:00:00Z', 50);
  await insertInsight(t.dataSource, {
    authorId: first.id,
    departments: [org.product],
    summary: 'Can’t find the right menu option',
    contactsRaised: 46,
    sensitive: true,
    createdAt: '2027-02-02T12:00:00Z',
  });
  const charger = await insertInsight(t.dataSource, {
    authorId: second.id,
    departments: [org.hardware],
    summary: 'Charger fails after seven months',
    category: 'hardware and suppliers',
    productArea: 'Devices',
    contactsRaised: 20,
    createdAt: '2027-02-09T12:00:00Z',
  });
  const invoice = await insertInsight(t.dataSource, {
    authorId: second.id,
    departments: [org.product],
    summary: 'Invoice shows the wrong total',
    category: 'billing',
    productArea: 'Accounts',
    contactsRaised: 4,
    createdAt: '2027-02-10T12:00:00Z',
  });
  const oldFix = await insertInsight(t.dataSource, { authorId: first.id, departments: [org.product], summary: 'Old fix from last year', createdAt: '2026-06-01T12:00:00Z' });

  expect((await postForm(org.hardwareHead.agent, `/head/learnings/${charger}/triage`, { version: 1, status: 'planned', comment: 'We change supplier in April.' })).status).toBe(303);
  expect((await postForm(org.productHead.agent, `/head/learnings/${invoice}/triage`, { version: 1, status: 'done', comment: 'Invoices round correctly now.' })).status).toBe(303);
  expect((await postForm(org.productHead.agent, `/head/learnings/${oldFix}/triage`, { version: 1, status: 'done', comment: 'Fixed long ago.' })).status).toBe(303);
  // As if answered on these days.
  await t.dataSource.query(`UPDATE insight_comments SET created_at = '2027-02-20T12:00:00Z' WHERE insight_id = ANY($1::uuid[])`, [[charger, invoice]]);
  await t.dataSource.query(`UPDATE insight_comments SET created_at = '2026-07-01T12:00:00Z' WHERE insight_id = $1`, [oldFix]);
  Settings.now = () => Date.parse('2027-02-28T12:00:00Z');
});
afterAll(async () => {
  Settings.now = () => Date.now();
  await t.close();
});

describe('What customers told us', () => {
  let html: string;
  beforeAll(async () => {
    const response = await org.employee.agent.get('/learnings');
    expect(response.status).toBe(200);
    html = response.text.replace(/\s+/g, ' ');
  });

  it('shows the insights the largest shares of contacts raised, across departments', () => {
    expect(html).toContain('23% of contacts: Can’t find the right menu option');
    expect(html).toContain('10% of contacts: Charger fails after seven months');
    expect(html).toContain('2% of contacts: Invoice shows the wrong total');
    expect(html.indexOf('23% of contacts')).toBeLessThan(html.indexOf('10% of contacts'));
    expect(html).toMatch(/<th scope="row">usability<\/th> <td class="number">46<\/td> <td class="number">23%<\/td>/);
    expect(html).toMatch(/<th scope="row">Devices<\/th> <td class="number">20<\/td> <td class="number">10%<\/td>/);
  });

  it('shows what was done and planned in these weeks, with the department and its comment', () => {
    const done = html.slice(html.indexOf('<h3>Done</h3>'), html.indexOf('<h3>Planned</h3>'));
    expect(done).toContain('Invoice shows the wrong total');
    expect(done).toContain(org.product.name);
    expect(done).toContain('Invoices round correctly now.');
    expect(done).not.toContain('Old fix from last year');
    const planned = html.slice(html.indexOf('<h3>Planned</h3>'));
    expect(planned).toContain('Charger fails after seven months');
    expect(planned).toContain(org.hardware.name);
    expect(planned).toContain('We change supplier in April.');
  });

  it('never names an author, of sensitive insights or any other', () => {
    for (const author of authors) expect(html).not.toContain(author.fullName);
  });

  it('is open to heads and HR too, but not to anyone signed out', async () => {
    expect((await org.productHead.agent.get('/learnings')).status).toBe(200);
    expect((await org.hr.agent.get('/learnings')).status).toBe(200);
    const signedOut = await request(t.app).get('/learnings');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/sign-in?next=%2Flearnings');
  });
});
