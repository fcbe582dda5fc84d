// Triage: a status change needs a comment to the author, only the allowed changes are taken, a re-route moves the
// insight to another department with a note; each step is audited and told to the author.
import { postForm } from '../rotations/forms';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLearningsOrganisation, buildRotatingPerson, insertInsight, noticesOf, routedDepartments, type LearningsOrganisation, type Person } from './learnings-setup';

let t: TestApp;
let org: LearningsOrganisation;
let author: Person;

beforeAll(async () => {
  t = await startTestApp();
  org = await buildLearningsOrganisation(t);
  author = await buildRotatingPerson(t, org);
});
afterAll(() => t.close());

const newInsight = (summary: string, fields: { status?: 'new' | 'acknowledged' | 'planned' | 'done' | 'wont-do' } = {}) =>
  insertInsight(t.dataSource, { authorId: author.id, departments: [org.product], summary, ...fields });

async function stateOf(insightId: string): Promise<{ status: string; version: number; comments: number }> {
  const [row] = await t.dataSource.query(
    `SELECT status, version, (SELECT count(*)::int FROM insight_comments c WHERE c.insight_id = i.id) AS comments FROM insights i WHERE id = $1`,
    [insightId],
  );
  return row;
}

const auditOf = (insightId: string): Promise<{ action: string; summary: string; actorName: string; after: Record<string, unknown> }[]> =>
  t.dataSource.query(`SELECT action, summary, actor_name AS "actorName", after FROM audit_log WHERE entity_type = 'insight' AND entity_id = $1 ORDER BY occurred_at, id`, [
    insightId,
  ]);

const triage = (agent: Agent, insightId: string, fields: Record<string, string | number>, base = '/head/learnings') =>
  postForm(agent, `${base}/${insightId}/triage`, { version: 1, ...fields });

describe('a change of status', () => {
  it('needs a comment to the author: without one the page comes back with 422 and nothing changes', async () => {
    const insightId = await newInsight('Menu option missing for returns');
    const response = await triage(org.productHead.agent, insightId, { status: 'planned', comment: '   ' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Write a comment to the author');
    expect(await stateOf(insightId)).toEqual({ status: 'new', version: 1, comments: 0 });
    expect(await noticesOf(t.dataSource, author.id)).toEqual([]);
  });

  it('is saved with the comment, audited, and told to the author, who sees it with the answers', async () => {
    const insightId = await newInsight('Callers cannot reach returns');
    const response = await triage(org.productHead.agent, insightId, { status: 'planned', comment: 'We add a returns option to the menu in March.' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/head/learnings/${insightId}`);
    expect(await stateOf(insightId)).toEqual({ status: 'planned', version: 2, comments: 1 });

    const [comment] = await t.dataSource.query(`SELECT body, status_from, status_to, author_id FROM insight_comments WHERE insight_id = $1`, [insightId]);
    expect(comment).toEqual({ body: 'We add a returns option to the menu in March.', status_from: 'new', status_to: 'planned', author_id: org.productHead.id });

    const [entry] = await auditOf(insightId);
    expect(entry).toMatchObject({ action: 'status-changed', actorName: org.productHead.fullName, summary: 'Set “Callers cannot reach returns” from New to Planned' });
    expect(entry.after).toEqual({ status: 'planned', comment: 'We add a returns option to the menu in March.' });

    const told = (await noticesOf(t.dataSource, author.id)).filter((notice) => notice.subject.includes('Callers cannot reach returns'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'insight-answer', to: author.email, subject: 'Your insight is now Planned: Callers cannot reach returns' });
    expect(told[0].body).toContain('Status: Planned (was New)');
    expect(told[0].body).toContain('We add a returns option to the menu in March.');
    expect(told[0].body).toContain(`${org.productHead.fullName} (for ${org.product.name})`);

    const page = await org.productHead.agent.get(`/head/learnings/${insightId}`);
    expect(page.text).toContain('Saved, and the author was told.');
    expect(page.text).toContain('We add a returns option to the menu in March.');

    const mine = (await (await signIn(t.app, author.email)).get('/me/insights')).text;
    expect(mine).toContain('Callers cannot reach returns');
    expect(mine).toContain('Planned');
    expect(mine).toContain('We add a returns option to the menu in March.');
  });

  it('follows the allowed transitions only', async () => {
    const done = await newInsight('Already fixed thing', { status: 'done' });
    const refused = await triage(org.productHead.agent, done, { status: 'wont-do', comment: 'Changed our minds' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('An insight that is Done can become Planned only');
    expect(await stateOf(done)).toMatchObject({ status: 'done', comments: 0 });

    const backToNew = await triage(org.productHead.agent, await newInsight('Looked at already', { status: 'acknowledged' }), { status: 'new', comment: 'Oops' });
    expect(backToNew.status).toBe(422);

    const reopened = await triage(org.productHead.agent, done, { status: 'planned', comment: 'It came back after the update.' });
    expect(reopened.status).toBe(303);
    expect(await stateOf(done)).toMatchObject({ status: 'planned' });
  });

  it('offers only the allowed statuses on the page', async () => {
    const insightId = await newInsight('A planned one', { status: 'planned' });
    const page = await org.productHead.agent.get(`/head/learnings/${insightId}`);
    const options = [...page.text.matchAll(/<option value="(new|acknowledged|planned|done|wont-do)"/g)].map((match) => match[1]);
    expect(options).toEqual(['planned', 'acknowledged', 'done', 'wont-do']);
  });

  it('keeping the status, answers the author without changing it', async () => {
    const insightId = await newInsight('Question about the menu');
    expect((await triage(org.productHead.agent, insightId, { status: 'new', comment: 'Which menu did the customer mean?' })).status).toBe(303);
    expect(await stateOf(insightId)).toEqual({ status: 'new', version: 2, comments: 1 });
    expect((await auditOf(insightId))[0].action).toBe('answered');
    const told = (await noticesOf(t.dataSource, author.id)).find((notice) => notice.subject === 'An answer to your insight: Question about the menu');
    expect(told?.body).toContain('Which menu did the customer mean?');
  });

  it('made on a page that is out of date is refused with 409', async () => {
    const insightId = await newInsight('Two heads at once');
    expect((await triage(org.productHead.agent, insightId, { status: 'acknowledged', comment: 'Seen' })).status).toBe(303);
    const stale = await triage(org.hr.agent, insightId, { status: 'done', comment: 'Fixed' }, '/hr/learnings');
    expect(stale.status).toBe(409);
    expect(await stateOf(insightId)).toMatchObject({ status: 'acknowledged', version: 2 });
  });

  it('may be made by HR on any department’s insight', async () => {
    const insightId = await insertInsight(t.dataSource, { authorId: author.id, departments: [org.hardware], summary: 'Charger fails' });
    expect((await triage(org.hr.agent, insightId, { status: 'wont-do', comment: 'The supplier has changed.' }, '/hr/learnings')).status).toBe(303);
    expect(await stateOf(insightId)).toMatchObject({ status: 'wont-do' });
    expect((await auditOf(insightId))[0].actorName).toBe(org.hr.fullName);
  });

  it('is told to the authors of the insights merged into it too', async () => {
    const target = await newInsight('Returns are hard');
    const other = await buildRotatingPerson(t, org);
    await insertInsight(t.dataSource, { authorId: other.id, departments: [org.product], summary: 'No returns option', mergedIntoId: target });
    await triage(org.productHead.agent, target, { status: 'done', comment: 'The menu now has a returns option.' });
    expect((await noticesOf(t.dataSource, other.id)).map((notice) => notice.subject)).toEqual(['Your insight is now Done: Returns are hard']);
  });
});

describe('re-routing', () => {
  const reroute = (agent: Agent, insightId: string, fields: Record<string, string | number>, base = '/head/learnings') =>
    postForm(agent, `${base}/${insightId}/reroute`, { version: 1, fromDepartmentId: org.product.id, toDepartmentId: org.hardware.id, ...fields });

  it('needs a note', async () => {
    const insightId = await newInsight('Belongs elsewhere');
    const response = await reroute(org.productHead.agent, insightId, { note: '' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Write a note');
    expect(await routedDepartments(t.dataSource, insightId)).toEqual([org.product.name]);
  });

  it('moves the insight from the head’s department to the other, audited and told to the author', async () => {
    const insightId = await newInsight('The charger overheats');
    const response = await reroute(org.productHead.agent, insightId, { note: 'Hardware owns the chargers.' });
    expect(response.status).toBe(303);
    // The head no longer sees it, so they go back to their feed.
    expect(response.headers.location).toBe('/head/learnings');
    expect(await routedDepartments(t.dataSource, insightId)).toEqual([org.hardware.name]);
    const [note] = await t.dataSource.query(`SELECT note FROM insight_departments WHERE insight_id = $1`, [insightId]);
    expect(note.note).toBe('Hardware owns the chargers.');

    expect((await org.productHead.agent.get(`/head/learnings/${insightId}`)).status).toBe(404);
    const hardwarePage = await org.hardwareHead.agent.get(`/head/learnings/${insightId}`);
    expect(hardwarePage.status).toBe(200);
    expect(hardwarePage.text).toContain('Hardware owns the chargers.');

    const [entry] = await auditOf(insightId);
    expect(entry).toMatchObject({ action: 'rerouted', summary: `Passed “The charger overheats” from ${org.product.name} to ${org.hardware.name}` });
    expect(entry.after).toEqual({ departments: [org.hardware.name], note: 'Hardware owns the chargers.' });

    const told = (await noticesOf(t.dataSource, author.id)).find((notice) => notice.subject === `Your insight was passed on to ${org.hardware.name}: The charger overheats`);
    expect(told?.body).toContain('Hardware owns the chargers.');
  });

  it('cannot take the insight from a department the head does not head, nor pass it to one it is routed to', async () => {
    const insightId = await insertInsight(t.dataSource, { authorId: author.id, departments: [org.product, org.hardware], summary: 'Shared problem' });
    const notTheirs = await reroute(org.productHead.agent, insightId, { fromDepartmentId: org.hardware.id, toDepartmentId: org.employee.id, note: 'x' });
    expect(notTheirs.status).toBe(422);
    const already = await reroute(org.productHead.agent, insightId, { note: 'Hardware has it' });
    expect(already.status).toBe(422);
    expect(already.text).toContain('Choose a department this insight is not routed to yet');
    expect(await routedDepartments(t.dataSource, insightId)).toEqual([org.hardware.name, org.product.name].sort());
  });
});
