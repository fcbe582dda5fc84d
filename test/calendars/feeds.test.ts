import { createHash } from 'node:crypto';
import request from 'supertest';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { getCalendar } from './calendar-requests';
import { springForwardWeek, weekFromNow } from './calendar-weeks';
import { parseIcs } from './parse-ics';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const anonymous = () => request.agent(t.app);

/** Posts the feed form on `page` and returns the address the next page shows once. */
async function makeFeedAddress(agent: Agent, page: string, action: string): Promise<string> {
  const response = await agent.post(action).type('form').send({ _csrf: await csrfTokenFrom(agent, page) });
  expect(response.status).toBe(303);
  const next = await agent.get(response.headers.location.replace(/#.*$/, ''));
  const match = /value="(http[^"]+\/feeds\/[^"]+\.ics)"/.exec(next.text);
  if (!match) throw new Error('The page shows no new feed address');
  return new URL(match[1]).pathname;
}

async function berlinDeskWithRotations() {
  const berlin = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const desk = await buildDesk(t.dataSource, { siteId: berlin.id, workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00' });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  return { desk, programme };
}

describe("an employee's feed", () => {
  it('is made from My rotations, shown once, and lists the working days in the desk’s time zone across a daylight-saving change', async () => {
    const { desk, programme } = await berlinDeskWithRotations();
    const employee = await buildEmployee(t.dataSource);
    const { week, fridayBefore, mondayAfter } = springForwardWeek();
    await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: week, weeks: 2 });
    await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(70), weeks: 2, status: 'cancelled' });
    const agent = await signIn(t.app, employee.email);

    expect((await agent.get('/me/rotations')).text).toContain('Make a feed address');
    const path = await makeFeedAddress(agent, '/me/rotations', '/me/rotations/feed');
    const again = await agent.get('/me/rotations');
    expect(again.text).not.toContain(path);
    expect(again.text).toContain('Reset the feed address');

    const response = await getCalendar(anonymous(), path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = await parseIcs(response.body);
    expect(calendar.name).toBe(`Rotations of ${employee.fullName}`);
    expect(calendar.events).toHaveLength(10);
    expect(calendar.events.every((event) => event.summary === `Rotation: ${desk.name}` && event.startZone === 'Europe/Berlin')).toBe(true);
    expect(calendar.events.find((event) => event.startLocal === `${fridayBefore}T09:00:00`)?.startUtc).toBe(`${fridayBefore}T08:00:00.000Z`);
    expect(calendar.events.find((event) => event.startLocal === `${mondayAfter}T09:00:00`)?.startUtc).toBe(`${mondayAfter}T07:00:00.000Z`);
  });

  it('stops working at its old address once reset, and works at the new one', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    const first = await makeFeedAddress(agent, '/me/rotations', '/me/rotations/feed');
    const second = await makeFeedAddress(agent, '/me/rotations', '/me/rotations/feed');
    expect(second).not.toBe(first);
    expect((await getCalendar(anonymous(), first)).status).toBe(404);
    expect((await getCalendar(anonymous(), second)).status).toBe(200);
  });

  it('keeps only a hash of the token, never the token itself', async () => {
    const employee = await buildEmployee(t.dataSource);
    const path = await makeFeedAddress(await signIn(t.app, employee.email), '/me/rotations', '/me/rotations/feed');
    const token = /\/feeds\/(.+)\.ics$/.exec(path)![1];
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows: Record<string, unknown>[] = await t.dataSource.query(`SELECT * FROM calendar_feeds WHERE owner_kind = 'employee' AND owner_id = $1`, [employee.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('dies with the account of a person who has left', async () => {
    const employee = await buildEmployee(t.dataSource);
    const path = await makeFeedAddress(await signIn(t.app, employee.email), '/me/rotations', '/me/rotations/feed');
    await t.dataSource.query(`UPDATE employees SET termination_date = current_date - 1 WHERE id = $1`, [employee.id]);
    expect((await getCalendar(anonymous(), path)).status).toBe(404);
  });

  it('answers 404 for a token nobody was given', async () => {
    expect((await getCalendar(anonymous(), '/feeds/c29tZXRoaW5nLXRoYXQtaXMtbm90LWEtdG9rZW4tYXQtYWxsLi4u.ics')).status).toBe(404);
  });
});

describe("a desk's feed", () => {
  it('is made by HR and names who is on the desk', async () => {
    const { desk, programme } = await berlinDeskWithRotations();
    const employee = await buildEmployee(t.dataSource);
    await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(3), weeks: 1 });
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    const path = await makeFeedAddress(hr, `/desks/${desk.id}/calendar`, `/desks/${desk.id}/calendar/feed`);
    const calendar = await parseIcs((await getCalendar(anonymous(), path)).body);
    expect(calendar.events).toHaveLength(5);
    expect(calendar.events[0].summary).toBe(`${employee.fullName} on ${desk.name}`);
  });

  it('cannot be made by a head of department or an employee', async () => {
    const { desk } = await berlinDeskWithRotations();
    const head = await signIn(t.app, (await buildHead(t.dataSource)).email);
    const page = await head.get(`/desks/${desk.id}/calendar`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Make a feed address');
    expect((await head.post(`/desks/${desk.id}/calendar/feed`).type('form').send({ _csrf: await csrfTokenFrom(head, '/head') })).status).toBe(403);
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    expect((await employee.post(`/desks/${desk.id}/calendar/feed`).type('form').send({ _csrf: await csrfTokenFrom(employee, '/me') })).status).toBe(403);
    expect(await t.dataSource.query(`SELECT 1 FROM calendar_feeds WHERE owner_id = $1`, [desk.id])).toEqual([]);
  });
});

describe("a department's feed", () => {
  it('is made by the department’s head and lists its people’s rotations', async () => {
    const { desk, programme } = await berlinDeskWithRotations();
    const department = await buildDepartment(t.dataSource);
    const member = await buildEmployee(t.dataSource, { departmentId: department.id });
    const outsider = await buildEmployee(t.dataSource);
    await buildAssignment(t.dataSource, { employeeId: member.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(2), weeks: 1 });
    await buildAssignment(t.dataSource, { employeeId: outsider.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(2), weeks: 1 });
    const head = await signIn(t.app, (await buildHead(t.dataSource, { heads: [department] })).email);

    const path = await makeFeedAddress(head, '/head/calendar', `/head/calendar/${department.id}/feed`);
    const calendar = await parseIcs((await getCalendar(anonymous(), path)).body);
    expect(calendar.events.map((event) => event.summary)).toEqual(Array(5).fill(`${member.fullName} on ${desk.name}`));
  });

  it("cannot be made by the head of another department, but can by HR", async () => {
    const department = await buildDepartment(t.dataSource);
    const otherHead = await signIn(t.app, (await buildHead(t.dataSource)).email);
    const refused = await otherHead.post(`/head/calendar/${department.id}/feed`).type('form').send({ _csrf: await csrfTokenFrom(otherHead, '/head/calendar') });
    expect(refused.status).toBe(403);
    expect(await t.dataSource.query(`SELECT 1 FROM calendar_feeds WHERE owner_id = $1`, [department.id])).toEqual([]);

    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    const path = await makeFeedAddress(hr, `/hr/departments/${department.id}/calendar`, `/hr/departments/${department.id}/calendar/feed`);
    expect((await getCalendar(anonymous(), path)).status).toBe(200);
  });
});
