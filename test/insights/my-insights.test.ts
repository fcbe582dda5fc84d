import { startTestApp, type TestApp } from '../support/test-app';
import { buildAuthor, buildDepartmentHead, buildInsight, buildInsightOrganisation, type InsightOrganisation } from './insight-setup';

let t: TestApp;
let org: InsightOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildInsightOrganisation(t);
});
afterAll(() => t.close());

async function answer(insightId: string, authorId: string, body: string, fields: { statusTo?: string; reroutedTo?: string; at: string }) {
  await t.dataSource.query(
    `INSERT INTO insight_comments (insight_id, author_id, body, status_from, status_to, rerouted_to, created_at) VALUES ($1, $2, $3, 'new', $4, $5, $6)`,
    [insightId, authorId, body, fields.statusTo ?? null, fields.reroutedTo ?? null, fields.at],
  );
  if (fields.statusTo) await t.dataSource.query(`UPDATE insights SET status = $2 WHERE id = $1`, [insightId, fields.statusTo]);
}

describe('My insights', () => {
  it('lists the author’s insights newest first, with their status and the departments’ answers', async () => {
    const author = await buildAuthor(t, org);
    const head = await buildDepartmentHead(t, [org.product]);
    const older = await buildInsight(t.dataSource, author.id, { summary: 'Menu option for returns is hidden', departments: [org.product], createdAt: '2027-03-01T10:00:00Z' });
    await buildInsight(t.dataSource, author.id, { summary: 'Checkout button too small on phones', departments: [org.product], createdAt: '2027-03-20T10:00:00Z' });
    await answer(older, head.id, 'We are redesigning the phone menu in May.', { statusTo: 'planned', at: '2027-03-05T10:00:00Z' });
    await answer(older, head.id, 'Hardware owns the adapters.', { reroutedTo: org.hardware.id, at: '2027-03-06T10:00:00Z' });
    const someoneElse = await buildAuthor(t, org);
    await buildInsight(t.dataSource, someoneElse.id, { summary: 'Not mine at all', departments: [org.product] });

    const page = await author.agent.get('/me/insights');
    expect(page.status).toBe(200);
    expect(page.text.indexOf('Checkout button too small on phones')).toBeLessThan(page.text.indexOf('Menu option for returns is hidden'));
    expect(page.text).not.toContain('Not mine at all');
    expect(page.text).toContain('<span class="tag">Planned</span>');
    expect(page.text).toContain(`<strong>${head.fullName}</strong>, 2027-03-05: status set to Planned`);
    expect(page.text).toContain('We are redesigning the phone menu in May.');
    expect(page.text).toContain(`passed on to ${org.hardware.name}`);
    expect(page.text).toContain('No answer from the departments yet.');

    const detail = await author.agent.get(`/me/insights/${older}`);
    expect(detail.text).toContain('We are redesigning the phone menu in May.');
  });

  it('shows nobody else’s insight at its author’s address', async () => {
    const author = await buildAuthor(t, org);
    const insight = await buildInsight(t.dataSource, author.id, { summary: 'Private to the author', departments: [org.product] });
    const other = await buildAuthor(t, org);
    expect((await other.agent.get(`/me/insights/${insight}`)).status).toBe(404);
    expect((await author.agent.get(`/me/insights/${insight}`)).status).toBe(200);
    expect((await author.agent.get('/me/insights/not-an-id')).status).toBe(404);
  });
});
