import { assignmentIcs } from '../../src/calendars/assignment-ics';
import { NotFound } from '../../src/http/errors';
import { buildAssignment, buildDesk, buildEmployee, buildProgramme, buildSite } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { setStages, springForwardWeek } from './calendar-weeks';
import { parseIcs } from './parse-ics';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function berlinAssignment(status: 'scheduled' | 'cancelled' = 'scheduled') {
  const berlin = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const desk = await buildDesk(t.dataSource, { siteId: berlin.id, workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00' });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  await setStages(t.dataSource, programme.id, [['Shadowing', 1, 'weeks'], ['Solo', 1, 'weeks']]);
  const employee = await buildEmployee(t.dataSource);
  const id = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: springForwardWeek().week, weeks: 2, status });
  return { id, desk };
}

describe("an assignment's .ics", () => {
  it('has one event per working day, at the desk’s local hours, on the right instant on both sides of a daylight-saving change', async () => {
    const { id, desk } = await berlinAssignment();
    const { fridayBefore, mondayAfter } = springForwardWeek();
    const calendar = await parseIcs(await t.dataSource.transaction((manager) => assignmentIcs(manager, id)));

    expect(calendar.zones).toEqual(['Europe/Berlin']);
    expect(calendar.events).toHaveLength(10);
    expect(new Set(calendar.events.map((event) => event.uid)).size).toBe(10);
    for (const event of calendar.events) {
      expect(event.summary).toBe(`Rotation: ${desk.name}`);
      expect(event.startZone).toBe('Europe/Berlin');
      expect(event.startLocal).toMatch(/T09:00:00$/);
    }
    const friday = calendar.events.find((event) => event.startLocal.startsWith(fridayBefore))!;
    const monday = calendar.events.find((event) => event.startLocal.startsWith(mondayAfter))!;
    expect(friday.startUtc).toBe(`${fridayBefore}T08:00:00.000Z`);
    expect(friday.endUtc).toBe(`${fridayBefore}T16:00:00.000Z`);
    expect(monday.startUtc).toBe(`${mondayAfter}T07:00:00.000Z`);
    expect(friday.description).toContain('Stage: Shadowing');
    expect(monday.description).toContain('Stage: Solo');
  });

  it('keeps the same event ids each time, so a calendar app updates rather than duplicates', async () => {
    const { id } = await berlinAssignment();
    const uids = async () => (await parseIcs(await t.dataSource.transaction((manager) => assignmentIcs(manager, id)))).events.map((event) => event.uid);
    expect(await uids()).toEqual(await uids());
  });

  it('marks the events of a cancelled assignment cancelled, so that importing it withdraws them', async () => {
    const { id } = await berlinAssignment('cancelled');
    const calendar = await parseIcs(await t.dataSource.transaction((manager) => assignmentIcs(manager, id)));
    expect(calendar.events).toHaveLength(10);
    expect(calendar.events.every((event) => event.status === 'CANCELLED')).toBe(true);
  });

  it('refuses an assignment that does not exist', async () => {
    await expect(t.dataSource.transaction((manager) => assignmentIcs(manager, '00000000-0000-4000-8000-000000000000'))).rejects.toBeInstanceOf(NotFound);
  });
});
