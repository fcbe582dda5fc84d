import { postForm } from '../rotations/forms';
import { buildAbsence, buildDesk, buildEmployee, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { weekDates } from '../../src/schedule/week-dates';
import { assignmentRow, auditActions, buildOrganisation, buildRotatingEmployee, noticesFor, week, type Organisation } from './schedule-setup';

let t: TestApp;
let org: Organisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildOrganisation(t);
});
afterAll(() => t.close());

async function rotatingAgent(firstWeek: string) {
  const { employee, assignmentId } = await buildRotatingEmployee(t.dataSource, org, firstWeek);
  return { employee, assignmentId, agent: await signIn(t.app, employee.email) };
}

const requestsOn = (assignmentId: string): Promise<{ id: string; status: string; decision_reason: string | null }[]> =>
  t.dataSource.query(`SELECT id, status, decision_reason FROM assignment_requests WHERE assignment_id = $1 ORDER BY created_at`, [assignmentId]);
const needApproval = (yes: boolean) => t.dataSource.query(`UPDATE organisation_settings SET swaps_need_approval = $1`, [yes]);
const askSwap = (agent: Agent, mine: string, theirs: string, note = '') =>
  postForm(agent, `/me/rotations/requests/swap/${mine}`, { version: 1, counterpart: `${theirs} 1`, note });

describe('asking to move a rotation', () => {
  it('offers only the desks and weeks where the move would be legal', async () => {
    const elsewhere = await buildSite(t.dataSource);
    const otherSitesDesk = await buildDesk(t.dataSource, { siteId: elsewhere.id, hostableSiteIds: [elsewhere.id] });
    const secondDesk = await buildDesk(t.dataSource, { siteId: org.siteId, weeklyCapacity: 1 });
    await buildRotatingEmployee(t.dataSource, org, week(4));
    await buildRotatingEmployee(t.dataSource, org, week(8));
    const me = await rotatingAgent(week(2));

    const overview = await me.agent.get('/me/rotations/requests');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain(`/me/rotations/requests/move/${me.assignmentId}`);
    const page = await me.agent.get(`/me/rotations/requests/move/${me.assignmentId}`);
    expect(page.status).toBe(200);
    const offered = (deskId: string, firstWeek: string) => page.text.includes(`value="${deskId} ${firstWeek}"`);
    expect(offered(org.deskId, week(0))).toBe(true);
    expect(offered(org.deskId, week(6))).toBe(true);
    for (const taken of [week(2), week(3), week(4), week(5), week(7), week(8), week(9)]) expect([taken, offered(org.deskId, taken)]).toEqual([taken, false]);
    expect(offered(secondDesk.id, week(4))).toBe(true);
    expect(page.text).not.toContain(otherSitesDesk.name);
  });

  it('sends the move to HR, who approve it; the rotation moves and the employee is told', async () => {
    const me = await rotatingAgent(week(12));
    const asked = await postForm(me.agent, `/me/rotations/requests/move/${me.assignmentId}`, { version: 1, option: `${org.deskId} ${week(14)}`, note: 'Conference in week 12' });
    expect(asked.status).toBe(303);
    const [request] = await requestsOn(me.assignmentId);
    expect(request.status).toBe('pending-hr');
    expect(await assignmentRow(t, me.assignmentId)).toMatchObject({ first_week: week(12), version: 1 });

    const hrPage = await org.hr.get('/hr/requests');
    expect(hrPage.text).toContain(`Move ${me.employee.fullName}’s`);
    expect(hrPage.text).toContain('Conference in week 12');
    expect((await postForm(org.hr, `/hr/requests/${request.id}/approve`)).status).toBe(303);
    expect(await assignmentRow(t, me.assignmentId)).toMatchObject({ first_week: week(14), ...datesOf(week(14)), status: 'scheduled', version: 2 });
    expect(await requestsOn(me.assignmentId)).toEqual([expect.objectContaining({ status: 'approved' })]);
    expect(await noticesFor(t, me.assignmentId)).toEqual(['changed']);
    expect(await auditActions(t, 'swap-request', request.id)).toEqual(['requested', 'approved']);
  });

  it('refuses a week that would break a rule, with the rule in words, and saves nothing', async () => {
    await buildRotatingEmployee(t.dataSource, org, week(18));
    const me = await rotatingAgent(week(20));
    const refused = await postForm(me.agent, `/me/rotations/requests/move/${me.assignmentId}`, { version: 1, option: `${org.deskId} ${week(18)}` });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`${org.deskName} is full in ${week(18)} (2 of 1)`);
    expect(await requestsOn(me.assignmentId)).toEqual([]);
    const unchosen = await postForm(me.agent, `/me/rotations/requests/move/${me.assignmentId}`, { version: 1 });
    expect(unchosen.status).toBe(422);
    expect(unchosen.text).toContain('Choose one of the weeks offered');
  });

  it('moves at once when the organisation does not ask HR to approve', async () => {
    await needApproval(false);
    try {
      const me = await rotatingAgent(week(22));
      expect((await postForm(me.agent, `/me/rotations/requests/move/${me.assignmentId}`, { version: 1, option: `${org.deskId} ${week(24)}` })).status).toBe(303);
      expect(await assignmentRow(t, me.assignmentId)).toMatchObject({ first_week: week(24), version: 2 });
      expect(await requestsOn(me.assignmentId)).toEqual([expect.objectContaining({ status: 'approved' })]);
    } finally {
      await needApproval(true);
    }
  });

  it('is only for one’s own rotation', async () => {
    const someone = await rotatingAgent(week(26));
    const other = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    expect((await other.get(`/me/rotations/requests/move/${someone.assignmentId}`)).status).toBe(403);
    expect((await postForm(other, `/me/rotations/requests/move/${someone.assignmentId}`, { version: 1, option: `${org.deskId} ${week(1)}` })).status).toBe(403);
    expect(await requestsOn(someone.assignmentId)).toEqual([]);
  });
});

describe('swapping with a colleague', () => {
  it('lets the colleague decline, or accept for HR to approve; the rotations then trade places', async () => {
    const ann = await rotatingAgent(week(30));
    const bob = await rotatingAgent(week(34));
    const choices = await ann.agent.get(`/me/rotations/requests/swap/${ann.assignmentId}?search=${encodeURIComponent(bob.employee.fullName)}`);
    expect(choices.text).toContain(`value="${bob.assignmentId} 1"`);

    expect((await askSwap(ann.agent, ann.assignmentId, bob.assignmentId, 'Family visit')).status).toBe(303);
    const [first] = await requestsOn(ann.assignmentId);
    expect(first.status).toBe('pending-colleague');
    const bobsPage = await bob.agent.get('/me/rotations/requests');
    expect(bobsPage.text).toContain('Family visit');
    expect(bobsPage.text).toContain(`/me/rotations/requests/${first.id}/accept`);
    expect((await postForm(bob.agent, `/me/rotations/requests/${first.id}/decline`, { note: 'Holiday booked' })).status).toBe(303);
    expect(await requestsOn(ann.assignmentId)).toEqual([expect.objectContaining({ status: 'declined', decision_reason: 'Holiday booked' })]);
    expect((await ann.agent.get('/me/rotations/requests')).text).toContain('Holiday booked');

    expect((await askSwap(ann.agent, ann.assignmentId, bob.assignmentId)).status).toBe(303);
    const [, second] = await requestsOn(ann.assignmentId);
    const stranger = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    expect((await postForm(stranger, `/me/rotations/requests/${second.id}/accept`)).status).toBe(403);
    expect((await postForm(bob.agent, `/me/rotations/requests/${second.id}/accept`)).status).toBe(303);
    expect((await requestsOn(ann.assignmentId))[1].status).toBe('pending-hr');
    expect(await assignmentRow(t, ann.assignmentId)).toMatchObject({ first_week: week(30) });

    expect((await postForm(org.hr, `/hr/requests/${second.id}/approve`)).status).toBe(303);
    expect(await assignmentRow(t, ann.assignmentId)).toMatchObject({ first_week: week(34), status: 'scheduled' });
    expect(await assignmentRow(t, bob.assignmentId)).toMatchObject({ first_week: week(30), status: 'scheduled' });
    expect(await noticesFor(t, ann.assignmentId)).toEqual(['changed']);
    expect(await noticesFor(t, bob.assignmentId)).toEqual(['changed']);
    expect(await auditActions(t, 'swap-request', second.id)).toEqual(['requested', 'accepted', 'approved']);
  });

  it('lets HR decline with a reason', async () => {
    const ann = await rotatingAgent(week(38));
    const bob = await rotatingAgent(week(42));
    await askSwap(ann.agent, ann.assignmentId, bob.assignmentId);
    const [request] = await requestsOn(ann.assignmentId);
    await postForm(bob.agent, `/me/rotations/requests/${request.id}/accept`);
    const reasonless = await postForm(org.hr, `/hr/requests/${request.id}/decline`, { reason: '' });
    expect(reasonless.status).toBe(422);
    expect(reasonless.text).toContain('Give the reason');
    expect((await postForm(org.hr, `/hr/requests/${request.id}/decline`, { reason: 'Peak season' })).status).toBe(303);
    expect(await requestsOn(ann.assignmentId)).toEqual([expect.objectContaining({ status: 'declined', decision_reason: 'Peak season' })]);
    expect(await assignmentRow(t, ann.assignmentId)).toMatchObject({ first_week: week(38), version: 1 });
  });

  it('refuses, with the reason, a swap that has become illegal since it was accepted', async () => {
    const ann = await rotatingAgent(week(46));
    const bob = await rotatingAgent(week(50));
    await askSwap(ann.agent, ann.assignmentId, bob.assignmentId);
    const [request] = await requestsOn(ann.assignmentId);
    expect((await postForm(bob.agent, `/me/rotations/requests/${request.id}/accept`)).status).toBe(303);
    const { startsOn, endsOn } = weekDates(week(50), 1);
    await buildAbsence(t.dataSource, ann.employee.id, { startsOn, endsOn });

    const refused = await postForm(org.hr, `/hr/requests/${request.id}/approve`);
    expect(refused.status).toBe(422);
    const reason = `${ann.employee.fullName} is absent on 5 of 5 working days of ${org.deskName} in ${week(50)}`;
    expect(refused.text).toContain(reason);
    expect(await requestsOn(ann.assignmentId)).toEqual([expect.objectContaining({ status: 'refused', decision_reason: reason })]);
    expect(await assignmentRow(t, ann.assignmentId)).toMatchObject({ first_week: week(46), version: 1 });
    expect(await assignmentRow(t, bob.assignmentId)).toMatchObject({ first_week: week(50), version: 1 });
    expect(await auditActions(t, 'swap-request', request.id)).toEqual(['requested', 'accepted', 'refused']);
  });

  it('refuses the colleague’s acceptance when the swap has become illegal and no approval is needed', async () => {
    await needApproval(false);
    try {
      const ann = await rotatingAgent(week(54));
      const bob = await rotatingAgent(week(58));
      await askSwap(ann.agent, ann.assignmentId, bob.assignmentId);
      const [request] = await requestsOn(ann.assignmentId);
      await t.dataSource.query(`INSERT INTO desk_capacity_overrides (desk_id, week, capacity) VALUES ($1, $2, 0)`, [org.deskId, week(55)]);
      const refused = await postForm(bob.agent, `/me/rotations/requests/${request.id}/accept`);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain(`${org.deskName} is full in ${week(55)} (1 of 0)`);
      expect((await requestsOn(ann.assignmentId))[0].status).toBe('refused');
      expect(await assignmentRow(t, bob.assignmentId)).toMatchObject({ first_week: week(58), version: 1 });
    } finally {
      await needApproval(true);
    }
  });

  it('ends a waiting request when HR changes one of its rotations, and lets the asker withdraw one', async () => {
    const ann = await rotatingAgent(week(62));
    const bob = await rotatingAgent(week(66));
    await askSwap(ann.agent, ann.assignmentId, bob.assignmentId);
    expect((await postForm(org.hr, `/hr/assignments/${bob.assignmentId}/cancel`, { version: 1, reason: 'Leaves the company' })).status).toBe(303);
    expect(await requestsOn(ann.assignmentId)).toEqual([expect.objectContaining({ status: 'refused' })]);

    const cara = await rotatingAgent(week(70));
    await askSwap(ann.agent, ann.assignmentId, cara.assignmentId);
    const [, open] = await requestsOn(ann.assignmentId);
    expect((await postForm(cara.agent, `/me/rotations/requests/${open.id}/withdraw`)).status).toBe(403);
    expect((await postForm(ann.agent, `/me/rotations/requests/${open.id}/withdraw`)).status).toBe(303);
    expect((await requestsOn(ann.assignmentId))[1].status).toBe('withdrawn');
  });
});

describe('HR’s request page', () => {
  it('is for HR only', async () => {
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    expect((await employee.get('/hr/requests')).status).toBe(403);
    expect((await employee.get('/me/rotations/requests')).status).toBe(200);
  });
});

function datesOf(firstWeek: string) {
  const { startsOn, endsOn } = weekDates(firstWeek, 2);
  return { starts_on: startsOn, ends_on: endsOn };
}
