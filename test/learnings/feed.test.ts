// The learnings feed: filters, ranked search, the three orders, paging, and the CSV export of what is shown.
import { parse } from 'csv-parse/sync';
import type { Department } from '../../src/people/department.entity';
import { buildDepartment, buildHead } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLearningsOrganisation, buildRotatingPerson, insertEcho, insertInsight, logShift, type InsightFields, type LearningsOrganisation, type Person } from './learnings-setup';

let t: TestApp;
let org: LearningsOrganisation;
let author: Person & { assignmentId: string };

beforeAll(async () => {
  t = await startTestApp();
  org = await buildLearningsOrganisation(t);
  author = await buildRotatingPerson(t, org);
});
afterAll(() => t.close());

/** A department of its own for one test, with its head signed in, so tests never see each other's insights. */
async function ownDepartment(): Promise<{ department: Department; head: Agent }> {
  const department = await buildDepartment(t.dataSource);
  const head = await buildHead(t.dataSource, { heads: [department] });
  return { department, head: await signIn(t.app, head.email) };
}

const insight = (department: Department, summary: string, fields: Partial<InsightFields> = {}) =>
  insertInsight(t.dataSource, { authorId: author.id, departments: [department], summary, ...fields });

/** The summaries on a feed page, in order. */
const summariesOn = (html: string) => [...html.matchAll(/<h2><a href="\/(?:head|hr)\/learnings\/[0-9a-f-]+">([^<]+)<\/a><\/h2>/g)].map((match) => match[1]);

const feed = async (head: Agent, query: Record<string, string> = {}) => {
  const response = await head.get('/head/learnings').query(query);
  expect(response.status).toBe(200);
  return summariesOn(response.text);
};

describe('filters', () => {
  it('narrow the feed by category, product area, severity, status, tag, desk and the dates written', async () => {
    const { department, head } = await ownDepartment();
    const deskShift = await logShift(t, await buildRotatingPerson(t, org, org.deskIds[1]), '2027-02-01T09:00:00+01:00', 20);
    await insight(department, 'Menu is confusing', { category: 'usability', productArea: 'Phone menu', severity: 'minor', tags: ['menu'], createdAt: '2027-02-01T10:00:00Z' });
    await insight(department, 'Invoice shows the wrong total', {
      category: 'billing',
      productArea: 'Accounts',
      severity: 'severe',
      status: 'planned',
      createdAt: '2027-02-10T10:00:00Z',
      shiftId: deskShift,
    });
    await insight(department, 'Parcel arrived late', { category: 'delivery and fulfilment', productArea: 'Delivery', severity: 'significant', tags: ['late'], createdAt: '2027-02-20T10:00:00Z' });
    const [billing] = await t.dataSource.query(`SELECT id FROM insight_categories WHERE name = 'billing'`);
    const [delivery] = await t.dataSource.query(`SELECT id FROM product_areas WHERE name = 'Delivery'`);

    expect(await feed(head)).toEqual(['Parcel arrived late', 'Invoice shows the wrong total', 'Menu is confusing']);
    expect(await feed(head, { category: billing.id })).toEqual(['Invoice shows the wrong total']);
    expect(await feed(head, { area: delivery.id })).toEqual(['Parcel arrived late']);
    expect(await feed(head, { severity: 'minor' })).toEqual(['Menu is confusing']);
    expect(await feed(head, { status: 'planned' })).toEqual(['Invoice shows the wrong total']);
    expect(await feed(head, { tag: 'Menu' })).toEqual(['Menu is confusing']);
    expect(await feed(head, { desk: org.deskIds[1] })).toEqual(['Invoice shows the wrong total']);
    expect(await feed(head, { from: '2027-02-10', to: '2027-02-19' })).toEqual(['Invoice shows the wrong total']);
    expect(await feed(head, { from: '2027-02-11' })).toEqual(['Parcel arrived late']);
    expect(await feed(head, { to: '2027-02-01' })).toEqual(['Menu is confusing']);
  });

  it('ignores a malformed filter rather than failing', async () => {
    const { department, head } = await ownDepartment();
    await insight(department, 'Checkout times out');
    expect(await feed(head, { category: 'not-an-id', severity: 'apocalyptic', from: '2027-13-45', after: 'garbage' })).toEqual(['Checkout times out']);
  });
});

describe('search', () => {
  it('ranks the insights that match best first, and finds an insight through the ones merged into it', async () => {
    const { department, head } = await ownDepartment();
    await insight(department, 'Delivery was late again', { verbatim: 'It came a week late and the refund form was somewhere on page three.', createdAt: '2027-03-02T10:00:00Z' });
    await insight(department, 'Refund button is hidden', { verbatim: 'I wanted a refund. The refund button is hidden; refunds should be easy.', createdAt: '2027-03-01T10:00:00Z' });
    await insight(department, 'App crashes on start', { verbatim: 'It crashes whenever I open it.' });
    const target = await insight(department, 'Parcel arrived crushed', { verbatim: 'The box was flat.' });
    await insight(department, 'Box soaked through', { verbatim: 'The box was wet and the charger inside was ruined.', mergedIntoId: target });

    expect(await feed(head, { q: 'refund' })).toEqual(['Refund button is hidden', 'Delivery was late again']);
    expect(await feed(head, { q: 'refund', sort: 'newest' })).toEqual(['Delivery was late again', 'Refund button is hidden']);
    expect(await feed(head, { q: 'wet charger' })).toEqual(['Parcel arrived crushed']);
    expect(await feed(head, { q: 'refund -late' })).toEqual(['Refund button is hidden']);
    expect(await feed(head, { q: 'teleportation' })).toEqual([]);
  });

  it('shows an insight its words find in its own text and in a merged one once, ranked by the text that matches best', async () => {
    const { department, head } = await ownDepartment();
    await insight(department, 'Refund button is hidden', { verbatim: 'I wanted a refund; the refund button is hidden.' });
    const target = await insight(department, 'Parcel arrived crushed', { verbatim: 'I asked for a refund.' });
    await insight(department, 'Refund refused', { verbatim: 'Refund, refund, refund: they refused every refund.', mergedIntoId: target });

    const response = await head.get('/head/learnings').query({ q: 'refund' });
    expect(summariesOn(response.text)).toEqual(['Parcel arrived crushed', 'Refund button is hidden']);
    expect(response.text).toContain('2 insights');
  });
});

describe('orders', () => {
  it('most heard counts the insight’s contacts, its echoes and the insights merged into it (with their echoes)', async () => {
    const { department, head } = await ownDepartment();
    const echoed = await insight(department, 'Echoed twice', { contactsRaised: 2 });
    await insertEcho(t.dataSource, { insightId: echoed, employeeId: org.employee.id, contacts: 5 });
    await insight(department, 'Raised by six', { contactsRaised: 6 });
    const target = await insight(department, 'Target of a merge', { contactsRaised: 1 });
    const merged = await insight(department, 'Merged into the target', { contactsRaised: 4, mergedIntoId: target });
    await insertEcho(t.dataSource, { insightId: merged, employeeId: org.employee.id, contacts: 3 });

    // 1 + 4 + 3 = 8, then 2 + 5 = 7, then 6.
    expect(await feed(head, { sort: 'heard' })).toEqual(['Target of a merge', 'Echoed twice', 'Raised by six']);
    const page = await head.get('/head/learnings').query({ sort: 'heard' });
    expect(page.text).toMatch(/heard by 8 contacts \(with 1 merged insight\)/);

    // Merging moves the counts with it, and an echo taken back drops out.
    await t.dataSource.query(`UPDATE insights SET merged_into_id = NULL, merged_at = NULL WHERE id = $1`, [merged]);
    await t.dataSource.query(`DELETE FROM insight_echoes WHERE insight_id = $1`, [echoed]);
    expect(await feed(head, { sort: 'heard' })).toEqual(['Merged into the target', 'Raised by six', 'Echoed twice', 'Target of a merge']);
  });

  it('most severe puts severe first, then significant, then minor, the newest first within each', async () => {
    const { department, head } = await ownDepartment();
    await insight(department, 'Minor and new', { severity: 'minor', createdAt: '2027-03-05T10:00:00Z' });
    await insight(department, 'Severe and old', { severity: 'severe', createdAt: '2027-03-01T10:00:00Z' });
    await insight(department, 'Significant', { severity: 'significant', createdAt: '2027-03-03T10:00:00Z' });
    await insight(department, 'Severe and newer', { severity: 'severe', createdAt: '2027-03-02T10:00:00Z' });
    expect(await feed(head, { sort: 'severe' })).toEqual(['Severe and newer', 'Severe and old', 'Significant', 'Minor and new']);
    expect(await feed(head)).toEqual(['Minor and new', 'Significant', 'Severe and newer', 'Severe and old']);
  });
});

describe('paging', () => {
  it('shows 25 insights a page and continues where the page ended, in every order and for a search', async () => {
    const { department, head } = await ownDepartment();
    const all: string[] = [];
    for (let index = 0; index < 30; index++) {
      const summary = `Insight number ${String(index).padStart(2, '0')}`;
      all.push(summary);
      // Pairs share a moment and a severity, so the order must break ties to page without gaps or repeats.
      await insight(department, summary, {
        createdAt: `2027-03-01T10:${String(Math.floor(index / 2)).padStart(2, '0')}:00Z`,
        severity: index % 3 === 0 ? 'severe' : 'minor',
        contactsRaised: 1 + (index % 4),
      });
    }
    for (const query of [{ sort: 'newest' }, { sort: 'heard' }, { sort: 'severe' }, { q: 'insight number' }]) {
      const first = await head.get('/head/learnings').query(query);
      expect(first.text).toContain('30 insights');
      const firstPage = summariesOn(first.text);
      expect(firstPage).toHaveLength(25);
      const next = /<a href="([^"]+)" rel="next">/.exec(first.text)![1].replace(/&amp;/g, '&');
      const second = await head.get(next);
      const secondPage = summariesOn(second.text);
      expect(secondPage).toHaveLength(5);
      expect(second.text).not.toContain('rel="next"');
      expect([...firstPage, ...secondPage].sort()).toEqual([...all].sort());
    }
  });
});

describe('the CSV export', () => {
  it('holds the filtered list, with cells that would run as formulas neutralised', async () => {
    const { department, head } = await ownDepartment();
    await insight(department, '=HYPERLINK("http://evil.example","click")', {
      verbatim: '+49 said the call dropped',
      situation: '-5 items missing',
      tags: ['@home'],
      severity: 'severe',
    });
    await insight(department, 'Harmless and minor', { severity: 'minor' });
    const response = await head.get('/head/learnings/export.csv').query({ severity: 'severe' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [header, ...records] = parse(response.text.replace(/^\uFEFF/, '')) as string[][];
    expect(header.slice(0, 4)).toEqual(['Written (UTC)', 'Summary', 'What the customer said', 'Situation']);
    expect(records).toHaveLength(1);
    const cell = (name: string) => records[0][header.indexOf(name)];
    expect(cell('Summary')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(cell('What the customer said')).toBe(`'+49 said the call dropped`);
    expect(cell('Situation')).toBe(`'-5 items missing`);
    expect(cell('Tags')).toBe(`'@home`);
    expect(cell('Severity')).toBe('Severe');
    expect(cell('Author')).toBe(author.fullName);
  });
});
