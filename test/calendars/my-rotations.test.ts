import { buildAssignment, buildDesk, buildEmployee, buildProgramme, buildSite } from '../support/factories';
import { signIn } from '../support/sessions';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { getCalendar } from './calendar-requests';
import { setStages, weekFromNow } from './calendar-weeks';
import { parseIcs } from './parse-ics';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function londonerOnBerlinDesk() {
  const london = await buildSite(t.dataSource, { timeZone: 'Europe/London', countryCode: 'GB' });
  const berlin = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const desk = await buildDesk(t.dataSource, { siteId: berlin.id, workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00' });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 3 });
  await setStages(t.dataSource, programme.id, [['Shadowing', 1, 'weeks'], ['Pairing', 5, 'shifts'], ['Solo', 1, 'weeks']]);
  const employee = await buildEmployee(t.dataSource, { siteId: london.id });
  return { desk, programme, employee };
}

describe('My rotations', () => {
  it('shows upcoming and past rotations with their stages week by week and the desk’s hours in both time zones', async () => {
    const { desk, programme, employee } = await londonerOnBerlinDesk();
    const upcomingWeek = weekFromNow(6);
    const upcomingId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: upcomingWeek, weeks: 3 });
    const pastWeek = weekFromNow(-30);
    await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: pastWeek, weeks: 3, status: 'completed' });
    const agent = await signIn(t.app, employee.email);

    const page = await agent.get('/me/rotations');
    expect(page.status).toBe(200);
    const [upcoming, past] = page.text.split('id="past-heading"');
    expect(upcoming).toContain(`${programme.name} at ${desk.name}`);
    expect(upcoming).toContain(upcomingWeek);
    expect(upcoming).toContain('Shadowing');
    expect(upcoming).toContain('Pairing');
    expect(upcoming).toContain('Solo');
    expect(upcoming).toContain('Desk hours (Europe/Berlin)');
    expect(upcoming).toContain('Your hours (Europe/London)');
    expect(upcoming).toContain('09:00–17:00');
    expect(upcoming).toContain('08:00–16:00');
    expect(upcoming).not.toContain(pastWeek);
    expect(past).toContain(pastWeek);
    expect(past).toContain('Completed');
    expect(page.text).toContain('id="requests"');
    expect(upcoming).toContain(`href="/me/rotations/requests/move/${upcomingId}"`);
    expect(upcoming).toContain(`href="/me/rotations/requests/swap/${upcomingId}"`);
    expect(past).not.toContain('/me/rotations/requests/move/');
  });

  it('says so when nothing is scheduled yet', async () => {
    const employee = await buildEmployee(t.dataSource);
    const page = await (await signIn(t.app, employee.email)).get('/me/rotations');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nothing is scheduled for you yet');
  });

  it('shows a cancelled rotation as cancelled, with its reason', async () => {
    const { desk, programme, employee } = await londonerOnBerlinDesk();
    const id = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(8), weeks: 3, status: 'cancelled' });
    await t.dataSource.query(`UPDATE assignments SET status_reason = 'Parental leave' WHERE id = $1`, [id]);
    const page = await (await signIn(t.app, employee.email)).get('/me/rotations');
    expect(page.text).toContain('Cancelled');
    expect(page.text).toContain('Parental leave');
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const response = await request(t.app).get('/me/rotations');
    expect(response.status).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in/);
  });
});

describe("downloading one rotation's .ics", () => {
  it('gives the employee a calendar file of their own rotation', async () => {
    const { desk, programme, employee } = await londonerOnBerlinDesk();
    const id = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(4), weeks: 3 });
    const agent = await signIn(t.app, employee.email);
    expect((await agent.get('/me/rotations')).text).toContain(`/me/rotations/${id}.ics`);

    const response = await getCalendar(agent, `/me/rotations/${id}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['content-disposition']).toContain('.ics');
    const calendar = await parseIcs(response.body);
    expect(calendar.events).toHaveLength(15);
    expect(calendar.events[0].summary).toBe(`Rotation: ${desk.name}`);
  });

  it("answers 404 for another person's rotation, as for one that does not exist", async () => {
    const { desk, programme, employee } = await londonerOnBerlinDesk();
    const id = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekFromNow(4), weeks: 3 });
    const colleague = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, colleague.email);
    expect((await agent.get(`/me/rotations/${id}.ics`)).status).toBe(404);
    expect((await agent.get('/me/rotations/00000000-0000-4000-8000-000000000000.ics')).status).toBe(404);
    expect((await agent.get('/me/rotations/not-an-id.ics')).status).toBe(404);
  });
});
