// Who sees which insights: heads their departments', HR every one, employees only the programme-wide page; and
// nobody but HR sees who wrote a sensitive insight.
import { buildHead } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLearningsOrganisation, buildRotatingPerson, insertInsight, type LearningsOrganisation, type Person } from './learnings-setup';

let t: TestApp;
let org: LearningsOrganisation;
let author: Person;
let productInsight: string;
let hardwareInsight: string;
let sensitiveInsight: string;

beforeAll(async () => {
  t = await startTestApp();
  org = await buildLearningsOrganisation(t);
  author = await buildRotatingPerson(t, org);
  productInsight = await insertInsight(t.dataSource, { authorId: author.id, departments: [org.product], summary: 'The phone menu has no option for returns' });
  hardwareInsight = await insertInsight(t.dataSource, { authorId: author.id, departments: [org.hardware], summary: 'The charger fails after seven months' });
  sensitiveInsight = await insertInsight(t.dataSource, {
    authorId: author.id,
    departments: [org.product],
    summary: 'A customer complained about a colleague by name',
    sensitive: true,
  });
});
afterAll(() => t.close());

describe('a head', () => {
  it('sees the insights routed to their departments and no others', async () => {
    const feed = await org.productHead.agent.get('/head/learnings');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('The phone menu has no option for returns');
    expect(feed.text).not.toContain('The charger fails after seven months');
  });

  it('gets 404 for another department’s insight and 403 for another department’s feed', async () => {
    expect((await org.productHead.agent.get(`/head/learnings/${hardwareInsight}`)).status).toBe(404);
    expect((await org.productHead.agent.get(`/head/learnings?department=${org.hardware.id}`)).status).toBe(403);
    expect((await org.productHead.agent.get(`/head/learnings/figures?department=${org.hardware.id}`)).status).toBe(403);
    expect((await org.productHead.agent.get(`/head/learnings/export.csv?department=${org.hardware.id}`)).status).toBe(403);
    const csv = await org.productHead.agent.get('/head/learnings/export.csv');
    expect(csv.text).toContain('The phone menu has no option for returns');
    expect(csv.text).not.toContain('The charger fails');
  });

  it('cannot triage another department’s insight', async () => {
    const page = await org.productHead.agent.get(`/head/learnings/${productInsight}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const response = await org.productHead.agent
      .post(`/head/learnings/${hardwareInsight}/triage`)
      .type('form')
      .send({ _csrf: token, status: 'acknowledged', comment: 'Seen', version: '1' });
    expect(response.status).toBe(404);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM insights WHERE id = $1`, [hardwareInsight]);
    expect(status).toBe('new');
  });

  it('heading two departments, sees both, and may narrow the feed to one', async () => {
    const both = await buildHead(t.dataSource, { heads: [org.product, org.hardware] });
    const agent = await signIn(t.app, both.email);
    const feed = await agent.get('/head/learnings');
    expect(feed.text).toContain('The phone menu has no option for returns');
    expect(feed.text).toContain('The charger fails after seven months');
    const hardwareOnly = await agent.get(`/head/learnings?department=${org.hardware.id}`);
    expect(hardwareOnly.text).toContain('The charger fails after seven months');
    expect(hardwareOnly.text).not.toContain('The phone menu has no option for returns');
  });

  it('does not see who wrote a sensitive insight, on the feed, its page or the export', async () => {
    const feed = await org.productHead.agent.get('/head/learnings');
    expect(feed.text).toContain('A customer complained about a colleague by name');
    expect(feed.text).toContain('someone (sensitive: only HR sees who)');
    const page = await org.productHead.agent.get(`/head/learnings/${sensitiveInsight}`);
    expect(page.text).not.toContain(author.fullName);
    const csv = await org.productHead.agent.get('/head/learnings/export.csv');
    const sensitiveLine = csv.text.split('\n').find((line) => line.includes('A customer complained about a colleague'))!;
    expect(sensitiveLine).toContain('Hidden (sensitive)');
    expect(sensitiveLine).not.toContain(author.fullName);
    // The author's name does show on their insights that are not sensitive.
    expect((await org.productHead.agent.get(`/head/learnings/${productInsight}`)).text).toContain(author.fullName);
  });
});

describe('HR', () => {
  it('sees every department’s insights, and who wrote the sensitive ones', async () => {
    const feed = await org.hr.agent.get('/hr/learnings');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('The phone menu has no option for returns');
    expect(feed.text).toContain('The charger fails after seven months');
    const page = await org.hr.agent.get(`/hr/learnings/${sensitiveInsight}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(author.fullName);
    const csv = await org.hr.agent.get('/hr/learnings/export.csv');
    expect(csv.text.split('\n').find((line) => line.includes('A customer complained about a colleague'))).toContain(author.fullName);
  });
});

describe('an employee', () => {
  it('may read only the programme-wide page', async () => {
    for (const path of ['/head/learnings', '/hr/learnings', `/head/learnings/${productInsight}`, '/head/learnings/figures', '/hr/learnings/export.csv']) {
      expect((await org.employee.agent.get(path)).status).toBe(403);
    }
    const programme = await org.employee.agent.get('/learnings');
    expect(programme.status).toBe(200);
    expect(programme.text).toContain('What customers told us');
  });

  it('finds the programme-wide page in the navigation; heads and HR find Learnings too', async () => {
    expect((await org.employee.agent.get('/me')).text).toContain('href="/learnings"');
    expect((await org.employee.agent.get('/me')).text).not.toContain('href="/head/learnings"');
    expect((await org.productHead.agent.get('/head')).text).toContain('href="/head/learnings"');
    expect((await org.hr.agent.get('/hr')).text).toContain('href="/hr/learnings"');
  });
});

describe('merged insights', () => {
  it('are shown under the insight they were merged into, not on their own', async () => {
    const target = await insertInsight(t.dataSource, { authorId: author.id, departments: [org.product], summary: 'Returns are hard to find on the website' });
    const merged = await insertInsight(t.dataSource, {
      authorId: author.id,
      departments: [org.product],
      summary: 'Cannot see where to send a return',
      mergedIntoId: target,
    });
    const feed = await org.productHead.agent.get('/head/learnings');
    expect(feed.text).toContain('Returns are hard to find on the website');
    expect(feed.text).not.toContain('Cannot see where to send a return');
    const page = await org.productHead.agent.get(`/head/learnings/${target}`);
    expect(page.text).toContain('Insights merged into this one');
    expect(page.text).toContain('Cannot see where to send a return');
    const mergedPage = await org.productHead.agent.get(`/head/learnings/${merged}`);
    expect(mergedPage.status).toBe(303);
    expect(mergedPage.headers.location).toBe(`/head/learnings/${target}#merged-${merged}`);
  });
});
