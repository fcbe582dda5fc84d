import { insightContacts } from '../../src/insights/insight-queries';
import { buildDepartment } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildAuthor, buildDepartmentHead, buildInsight, buildInsightOrganisation, postForm, type InsightOrganisation } from './insight-setup';

let t: TestApp;
let org: InsightOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildInsightOrganisation(t);
});
afterAll(() => t.close());

const mergedInto = async (id: string) => (await t.dataSource.query(`SELECT merged_into_id FROM insights WHERE id = $1`, [id]))[0].merged_into_id;
const tagsOf = async (id: string) => (await t.dataSource.query(`SELECT array(SELECT tag FROM insight_tags WHERE insight_id = $1 ORDER BY tag) AS tags`, [id]))[0].tags;
const departmentsOf = async (id: string) =>
  (await t.dataSource.query(`SELECT array(SELECT department_id::text FROM insight_departments WHERE insight_id = $1 ORDER BY department_id) AS ids`, [id]))[0].ids;

/** Two duplicates by different authors, the second heard by a third person too. */
async function duplicates() {
  const first = await buildAuthor(t, org, [10], { fullName: `Ada Author ${Math.random().toString(36).slice(2, 6)}` });
  const second = await buildAuthor(t, org, [10], { fullName: `Bob Author ${Math.random().toString(36).slice(2, 6)}` });
  const listener = await buildAuthor(t, org, [10]);
  const kept = await buildInsight(t.dataSource, first.id, { summary: 'Adapter fails after seven months', contactsRaised: 5, departments: [org.hardware], tags: ['adapter'] });
  const duplicate = await buildInsight(t.dataSource, second.id, {
    summary: 'Power adapter dies within a year',
    contactsRaised: 3,
    departments: [org.hardware, org.fulfilment],
    tags: ['adapter', 'warranty'],
  });
  await t.dataSource.query(`INSERT INTO insight_echoes (insight_id, employee_id, shift_id, contacts) VALUES ($1, $2, $3, 2)`, [duplicate, listener.id, listener.shiftIds[0]]);
  return { first, second, kept, duplicate };
}

describe('merging duplicates', () => {
  it('lets a head of a department both reach merge one into the other: counts, echoes, tags and departments roll up, both authors are kept', async () => {
    const { first, second, kept, duplicate } = await duplicates();
    const head = await buildDepartmentHead(t, [org.hardware]);

    const page = await head.agent.get(`/insights/${kept}/merge`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Power adapter dies within a year');

    const merged = await postForm(head.agent, `/insights/${kept}/merge`, { mergeId: duplicate });
    expect(merged.status).toBe(303);
    expect(await mergedInto(duplicate)).toBe(kept);
    expect(await insightContacts(t.dataSource.manager, kept)).toEqual({ own: 5, echoes: 2, merged: 3, total: 10 });
    expect(await t.dataSource.query(`SELECT count(*)::int AS echoes FROM insight_echoes WHERE insight_id = $1`, [kept])).toEqual([{ echoes: 1 }]);
    expect(await tagsOf(kept)).toEqual(['adapter', 'warranty']);
    expect(await departmentsOf(kept)).toEqual([org.hardware.id, org.fulfilment.id].sort());
    expect(await departmentsOf(duplicate)).toEqual([]);

    const after = await head.agent.get(merged.headers.location);
    expect(after.text).toContain('Merged “Power adapter dies within a year” into this insight');
    expect(after.text).toContain(first.fullName);
    expect(after.text).toMatch(new RegExp(`${second.fullName} <span class="muted">\\(merged insight\\)`));
    expect(after.text).toContain('10 (5 in the author’s shift, 2 heard by others too, 3 from merged insights)');

    const authorView = await second.agent.get('/me/insights');
    expect(authorView.text).toContain('merged with “Adapter fails after seven months”');
  });

  it('records the merge in the audit log for both insights', async () => {
    const { kept, duplicate } = await duplicates();
    const head = await buildDepartmentHead(t, [org.hardware]);
    await postForm(head.agent, `/insights/${kept}/merge`, { mergeId: duplicate });
    const entries = await t.dataSource.query(`SELECT entity_id, action, actor_name, summary FROM audit_log WHERE entity_type = 'insight' AND entity_id IN ($1, $2) ORDER BY action`, [kept, duplicate]);
    expect(entries).toEqual([
      { entity_id: kept, action: 'merged', actor_name: head.fullName, summary: 'Merged “Power adapter dies within a year” into “Adapter fails after seven months”' },
      { entity_id: duplicate, action: 'merged-into', actor_name: head.fullName, summary: 'Merged “Power adapter dies within a year” into “Adapter fails after seven months”' },
    ]);
  });

  it('keeps merges one level deep: what was merged into the duplicate now counts for the insight kept', async () => {
    const { first, kept, duplicate } = await duplicates();
    const older = await buildInsight(t.dataSource, first.id, { summary: 'Charger stopped working', contactsRaised: 4, departments: [org.hardware] });
    await postForm(org.hr, `/insights/${duplicate}/merge`, { mergeId: older });
    expect((await postForm(org.hr, `/insights/${kept}/merge`, { mergeId: duplicate })).status).toBe(303);
    expect(await mergedInto(older)).toBe(kept);
    expect((await insightContacts(t.dataSource.manager, kept)).total).toBe(5 + 2 + 3 + 4);
  });

  it('lets HR merge any insights', async () => {
    const { kept, duplicate } = await duplicates();
    expect((await postForm(org.hr, `/insights/${kept}/merge`, { mergeId: duplicate })).status).toBe(303);
    expect(await mergedInto(duplicate)).toBe(kept);
  });

  it('refuses a head of an unrelated department, a head of only one of the two, and an employee, changing nothing', async () => {
    const { first, kept, duplicate } = await duplicates();
    const unrelated = await buildDepartmentHead(t, [await buildDepartment(t.dataSource)]);
    const onlyFulfilment = await buildDepartmentHead(t, [org.fulfilment]);
    expect((await unrelated.agent.get(`/insights/${kept}/merge`)).status).toBe(403);
    expect((await postForm(unrelated.agent, `/insights/${kept}/merge`, { mergeId: duplicate })).status).toBe(403);
    expect((await postForm(onlyFulfilment.agent, `/insights/${kept}/merge`, { mergeId: duplicate })).status).toBe(403);
    expect((await first.agent.get(`/insights/${kept}/merge`)).status).toBe(403);
    expect((await postForm(first.agent, `/insights/${kept}/merge`, { mergeId: duplicate })).status).toBe(403);
    expect(await mergedInto(duplicate)).toBeNull();
    expect(await tagsOf(duplicate)).toEqual(['adapter', 'warranty']);
  });

  it('refuses merging an insight twice or into itself', async () => {
    const { kept, duplicate } = await duplicates();
    expect((await postForm(org.hr, `/insights/${kept}/merge`, { mergeId: duplicate })).status).toBe(303);
    const twice = await postForm(org.hr, `/insights/${kept}/merge`, { mergeId: duplicate });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('was merged into another insight already');
    expect((await postForm(org.hr, `/insights/${kept}/merge`, { mergeId: kept })).status).toBe(422);
  });

  it('offers a head only the duplicates routed to their departments', async () => {
    const { first, kept } = await duplicates();
    const elsewhere = await buildInsight(t.dataSource, first.id, { summary: 'Adapter fails in the cold', departments: [org.product] });
    const head = await buildDepartmentHead(t, [org.hardware]);
    expect((await head.agent.get(`/insights/${kept}/merge`)).text).not.toContain('Adapter fails in the cold');
    expect((await org.hr.get(`/insights/${kept}/merge`)).text).toContain(`value="${elsewhere}"`);
  });
});
