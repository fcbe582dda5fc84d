// The learnings figures on an organisation whose true figures this test knows: shifts with their contacts, and
// insights, an echo and a merged insight with the contacts that raised them, in February 2027 and the four weeks before.
import { Settings } from 'luxon';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLearningsOrganisation, buildRotatingPerson, insertEcho, insertInsight, logShift, type LearningsOrganisation } from './learnings-setup';

let t: TestApp;
let org: LearningsOrganisation;

/*
 * February 2027 (2027-02-01 to 2027-02-28, weeks W05 to W08), against 2027-01-04 to 2027-01-31:
 *   shifts: desk A 40 (solo, W05) + 60 (paired, W06); desk B 100 (solo, W07) = 200 contacts; before: 100; in December: 1000
 *   "Can't find the right menu option" (usability, Phone menu, #menu, Product): 30 at desk A (solo), an echo of 10 at
 *     desk B (solo), and an insight of 6 merged into it at desk A (paired) = 46 = 23% of 200
 *   "Invoice shows the wrong total" (billing, Accounts, Product): 4, no shift, in W07 = 2%
 *   "Charger fails after seven months" (hardware and suppliers, Devices, Hardware): 20 at desk B = 10%
 *   before: "Menu too long" (usability, Product): 10 of 100 = 10%
 */
beforeAll(async () => {
  t = await startTestApp();
  org = await buildLearningsOrganisation(t);
  const [deskA, deskB] = org.deskIds;
  const first = await buildRotatingPerson(t, org, deskA);
  const second = await buildRotatingPerson(t, org, deskB);
  const earlier = await buildRotatingPerson(t, org, deskA);
  const soloA = await logShift(t, first, '2027-02-02T09:00:00Z', 40, 'solo');
  const pairedA = await logShift(t, first, '2027-02-09T09:00:00Z', 60, 'paired');
  const soloB = await logShift(t, second, '2027-02-16T09:00:00Z', 100, 'solo');
  const before = await logShift(t, earlier, '2027-01-12T09:00:00Z', 100, 'solo');
  await logShift(t, earlier, '2026-12-01T09:00:00Z', 500, 'solo');
  await logShift(t, earlier, '2026-12-02T09:00:00Z', 500, 'solo');

  const menu = await insertInsight(t.dataSource, {
    authorId: first.id,
    departments: [org.product],
    summary: 'Can’t find the right menu option',
    category: 'usability',
    productArea: 'Phone menu',
    tags: ['menu'],
    contactsRaised: 30,
    shiftId: soloA,
    createdAt: '2027-02-02T12:00:00Z',
  });
  await insertEcho(t.dataSource, { insightId: menu, employeeId: second.id, contacts: 10, shiftId: soloB, createdAt: '2027-02-16T12:00:00Z' });
  await insertInsight(t.dataSource, {
    authorId: first.id,
    departments: [org.product],
    summary: 'Menu has no returns',
    category: 'usability',
    productArea: 'Phone menu',
    contactsRaised: 6,
    shiftId: pairedA,
    createdAt: '2027-02-10T12:00:00Z',
    mergedIntoId: menu,
  });
  await insertInsight(t.dataSource, {
    authorId: second.id,
    departments: [org.product],
    summary: 'Invoice shows the wrong total',
    category: 'billing',
    productArea: 'Accounts',
    contactsRaised: 4,
    createdAt: '2027-02-20T12:00:00Z',
  });
  await insertInsight(t.dataSource, {
    authorId: second.id,
    departments: [org.hardware],
    summary: 'Charger fails after seven months',
    category: 'hardware and suppliers',
    productArea: 'Devices',
    contactsRaised: 20,
    shiftId: soloB,
    createdAt: '2027-02-16T13:00:00Z',
  });
  await insertInsight(t.dataSource, {
    authorId: earlier.id,
    departments: [org.product],
    summary: 'Menu too long',
    category: 'usability',
    productArea: 'Phone menu',
    contactsRaised: 10,
    shiftId: before,
    createdAt: '2027-01-12T12:00:00Z',
  });
});
afterAll(async () => {
  Settings.now = () => Date.now();
  await t.close();
});

const february = { from: '2027-02-01', to: '2027-02-28' };

/** The text of each row in the body of the first table after this heading, cells separated by single spaces. */
function rowsOf(html: string, headingId: string): string[] {
  const start = html.indexOf(`id="${headingId}"`);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((match) =>
    match[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&#x27;/g, '’')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('a head’s figures', () => {
  let html: string;
  beforeAll(async () => {
    const response = await org.productHead.agent.get('/head/learnings/figures').query(february);
    expect(response.status).toBe(200);
    html = response.text;
  });

  it('give each category, product area and tag its share of all contacts handled, with the movement against the period before', () => {
    expect(rowsOf(html, 'categories-heading')).toEqual(['usability 46 23% 10% +13.0 points', 'billing 4 2% 0% new']);
    expect(rowsOf(html, 'areas-heading')).toEqual(['Phone menu 46 23% 10% +13.0 points', 'Accounts 4 2% 0% new']);
    expect(rowsOf(html, 'tags-heading')).toEqual(['menu 46 23% 0% new']);
  });

  it('name the insight the largest share raised, as a sentence', () => {
    expect(html).toContain('23% of contacts: Can’t find the right menu option');
    expect(rowsOf(html, 'insights-heading')).toEqual(['Can’t find the right menu option New 46 23% new', 'Invoice shows the wrong total New 4 2% new']);
  });

  it('leave out other departments’ insights from the counts, but not from the contacts handled', () => {
    expect(html).not.toContain('Charger fails');
    expect(html).toMatch(/Contacts that raised them<\/dt><dd>50<\/dd>/);
    expect(html).toMatch(/Contacts handled on rotation<\/dt><dd>200<\/dd>/);
    expect(html).toMatch(/Share of contacts<\/dt><dd>25%<\/dd>/);
    expect(html).toMatch(/Insights written<\/dt><dd>3<\/dd>/);
  });

  it('count insights per week, and where the contacts came from by desk and stage', () => {
    expect(rowsOf(html, 'weeks-heading')).toEqual(['2027-W05 1 30 40 75%', '2027-W06 1 6 60 10%', '2027-W07 1 14 100 14%', '2027-W08 0 0 0 —']);
    expect(rowsOf(html, 'desks-heading').map((row) => row.replace(/^Desk \S+ /, 'Desk '))).toEqual(['Desk 2 36 100 36%', 'Desk 0 10 100 10%', 'No shift given 1 4 0 —']);
    expect(rowsOf(html, 'stages-heading')).toEqual(['Shadowing 0 0 0 —', 'Paired 1 6 60 10%', 'Solo 1 40 140 29%', 'No shift given 1 4 0 —']);
  });

  it('draw charts as SVG with no inline styles, and link each theme to the feed filtered to it', async () => {
    expect(html).toContain('<svg class="chart chart-lines"');
    expect(html).toContain('<svg class="chart chart-bars"');
    expect(html).not.toMatch(/style=/);
    const [usability] = await t.dataSource.query(`SELECT id FROM insight_categories WHERE name = 'usability'`);
    expect(html).toContain(`href="/head/learnings?category=${usability.id}&amp;from=2027-02-01&amp;to=2027-02-28"`);
  });
});

describe('HR’s figures', () => {
  it('count every department’s insights', async () => {
    const html = (await org.hr.agent.get('/hr/learnings/figures').query(february)).text;
    expect(rowsOf(html, 'categories-heading')).toEqual(['usability 46 23% 10% +13.0 points', 'hardware and suppliers 20 10% 0% new', 'billing 4 2% 0% new']);
    expect(html).toMatch(/Share of contacts<\/dt><dd>35%<\/dd>/);
  });

  it('may narrow the figures to one department', async () => {
    const html = (await org.hr.agent.get('/hr/learnings/figures').query({ ...february, department: org.hardware.id })).text;
    expect(rowsOf(html, 'categories-heading')).toEqual(['hardware and suppliers 20 10% 0% new']);
  });
});

describe('the period', () => {
  it('is the last eight ISO weeks unless chosen, against the eight before', async () => {
    Settings.now = () => Date.parse('2027-02-28T12:00:00Z');
    const html = (await org.productHead.agent.get('/head/learnings/figures')).text;
    expect(html).toContain('2027-01-04 to 2027-02-28</strong> (56 days), against 2026-11-09 to 2027-01-03');
    // 10 + 30 + 10 + 6 + 4 raised of 300 handled; the 1000 contacts of December count in the period before.
    expect(rowsOf(html, 'categories-heading')).toEqual(['usability 56 19% 0% new', 'billing 4 1.3% 0% new']);
  });
});
