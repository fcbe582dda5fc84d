import request from 'supertest';
import { inTransaction } from '../../src/db/transaction';
import { queueScheduleNotices, type ScheduleEvent } from '../../src/notices/schedule-notices';
import { buildAssignment, buildDesk, buildEmployee, buildProgramme } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function publishedRotation(firstWeek: string) {
  const desk = await buildDesk(t.dataSource);
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  const employee = await buildEmployee(t.dataSource);
  const assignmentId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek, weeks: 2 });
  const event: ScheduleEvent = { kind: 'published', assignmentId, employeeId: employee.id, before: null, after: { deskId: desk.id, firstWeek, weeks: 2 } };
  await inTransaction(t.dataSource, (manager) => queueScheduleNotices(manager, [event]));
  return { desk, employee, assignmentId, event };
}

describe('my notices', () => {
  it('shows an employee their own notices, newest first, and nobody else’s', async () => {
    const mine = await publishedRotation('2027-W20');
    const theirs = await publishedRotation('2027-W30');
    await t.dataSource.query(`UPDATE assignments SET status = 'cancelled', version = version + 1 WHERE id = $1`, [mine.assignmentId]);
    await inTransaction(t.dataSource, (manager) =>
      queueScheduleNotices(manager, [{ ...mine.event, kind: 'cancelled', before: mine.event.after, after: null, reason: 'Moved to the night team' }]),
    );
    const agent = await signIn(t.app, mine.employee.email);

    const page = await agent.get('/me/notices');

    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/me/notices"');
    const cancelled = page.text.indexOf(`Your support rotation is cancelled: ${mine.desk.name}, 2027-W20 to 2027-W21`);
    const published = page.text.indexOf(`Your support rotation: ${mine.desk.name}, 2027-W20 to 2027-W21`);
    expect(cancelled).toBeGreaterThan(-1);
    expect(published).toBeGreaterThan(cancelled);
    expect(page.text).toContain('Reason: Moved to the night team');
    expect(page.text).not.toContain(theirs.desk.name);
  });

  it('says when there are none yet', async () => {
    const agent = await signIn(t.app, (await buildEmployee(t.dataSource)).email);

    const page = await agent.get('/me/notices');

    expect(page.status).toBe(200);
    expect(page.text).toContain('No notices yet.');
  });

  it('sends visitors who are not signed in to sign in', async () => {
    const response = await request(t.app).get('/me/notices');

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fme%2Fnotices');
  });
});
