import { authorVisibleTo } from '../../src/insights/insight-queries';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildAuthor, buildDepartmentHead, buildInsight, buildInsightOrganisation, type InsightOrganisation } from './insight-setup';

let t: TestApp;
let org: InsightOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildInsightOrganisation(t);
});
afterAll(() => t.close());

describe('who sees the author of a sensitive insight', () => {
  it('hides the name from heads and shows it to HR and the author', async () => {
    const author = await buildAuthor(t, org, [5], { fullName: 'Sasha Sensitive' });
    const insight = await buildInsight(t.dataSource, author.id, { summary: 'Manager told a customer off', sensitive: true, departments: [org.product] });
    const head = await buildDepartmentHead(t, [org.product]);

    const headView = await head.agent.get(`/insights/${insight}/merge`);
    expect(headView.status).toBe(200);
    expect(headView.text).toContain('Manager told a customer off');
    expect(headView.text).not.toContain('Sasha Sensitive');
    expect(headView.text).toContain('Name withheld: marked sensitive');

    expect((await org.hr.get(`/insights/${insight}/merge`)).text).toContain('Sasha Sensitive');
    expect((await author.agent.get(`/me/insights/${insight}`)).text).toContain('only HR sees that you wrote it');
  });

  it('shows the name of a non-sensitive insight’s author to heads of the departments it reaches', async () => {
    const author = await buildAuthor(t, org, [5], { fullName: 'Olly Open' });
    const insight = await buildInsight(t.dataSource, author.id, { summary: 'Invoices arrive late', departments: [org.product] });
    const head = await buildDepartmentHead(t, [org.product]);
    expect((await head.agent.get(`/insights/${insight}/merge`)).text).toContain('Olly Open');
  });

  it('keeps a sensitive author hidden after their insight is merged into an open one', async () => {
    const open = await buildAuthor(t, org, [5], { fullName: 'Pat Plain' });
    const secret = await buildAuthor(t, org, [5], { fullName: 'Quinn Quiet' });
    const kept = await buildInsight(t.dataSource, open.id, { summary: 'Rude reply from the shop', departments: [org.product] });
    const merged = await buildInsight(t.dataSource, secret.id, { summary: 'Shop staff were rude', sensitive: true, departments: [org.product] });
    const head = await buildDepartmentHead(t, [org.product]);
    await t.dataSource.query(`UPDATE insights SET merged_into_id = $1 WHERE id = $2`, [kept, merged]);
    const page = await head.agent.get(`/insights/${kept}/merge`);
    expect(page.text).toContain('Pat Plain');
    expect(page.text).not.toContain('Quinn Quiet');
    expect((await org.hr.get(`/insights/${kept}/merge`)).text).toContain('Quinn Quiet');
  });

  it('shows other employees neither the insight nor its author', async () => {
    const author = await buildAuthor(t, org, [5], { fullName: 'Rita Reserved' });
    const insight = await buildInsight(t.dataSource, author.id, { summary: 'Complaint about a colleague', sensitive: true, departments: [org.product] });
    const colleague = await buildAuthor(t, org);
    expect((await colleague.agent.get(`/me/insights/${insight}`)).status).toBe(404);
    expect((await colleague.agent.get(`/insights/${insight}/merge`)).status).toBe(403);
    expect((await colleague.agent.get('/me/insights')).text).not.toContain('Complaint about a colleague');
    const suggestions = await colleague.agent.get('/insights/similar').query({ summary: 'complaint about a colleague' });
    expect(suggestions.text).toContain('Complaint about a colleague');
    expect(suggestions.text).not.toContain('Rita Reserved');
  });

  it('authorVisibleTo: HR and the author always, others only when not sensitive', () => {
    const insight = { authorId: 'author', sensitive: true };
    expect(authorVisibleTo({ id: 'someone', roles: ['employee', 'hr'] }, insight)).toBe(true);
    expect(authorVisibleTo({ id: 'author', roles: ['employee'] }, insight)).toBe(true);
    expect(authorVisibleTo({ id: 'someone', roles: ['employee', 'head'] }, insight)).toBe(false);
    expect(authorVisibleTo({ id: 'someone', roles: ['employee'] }, insight)).toBe(false);
    expect(authorVisibleTo({ id: 'someone', roles: ['employee', 'head'] }, { ...insight, sensitive: false })).toBe(true);
  });
});
