import { assignmentProgress, expectedHoursForAssignment } from '../../src/shifts/progress';
import { buildAbsence } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildRotatingEmployee, buildShiftOrganisation, logShift, restoreNow, setNow, type ShiftOrganisation } from './shift-setup';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  restoreNow();
  await t.close();
});

describe('what each week expects', () => {
  let org: ShiftOrganisation;
  beforeAll(async () => {
    // 20 hours a week at a desk open Monday to Friday, 9 to 5: 4 hours per working day.
    org = await buildShiftOrganisation(t, { programme: { lengthWeeks: 3, expectedHoursPerWeek: 20 } });
  });
  beforeEach(() => setNow('2027-04-20T12:00'));

  it('takes off Germany’s public holidays: Good Friday in 2027-W12 and Easter Monday in W13', async () => {
    const { assignmentId, agent } = await buildRotatingEmployee(t, org, '2027-W12', { weeks: 3 });
    expect(await expectedHoursForAssignment(t.dataSource.manager, assignmentId)).toEqual([
      { week: '2027-W12', expectedHours: 16 },
      { week: '2027-W13', expectedHours: 16 },
      { week: '2027-W14', expectedHours: 20 },
    ]);
    const page = await agent.get('/me/shifts');
    expect(page.text).toContain('Easter Monday (2027-03-29)');
    expect(page.text).toContain('0 of 52 expected hours logged');
  });

  it('takes off the working days the person is recorded absent, each day once', async () => {
    const { employee, assignmentId } = await buildRotatingEmployee(t, org, '2027-W12', { weeks: 3 });
    // Thursday to Monday: two working days in W12 besides Good Friday, and Easter Monday again in W13.
    await buildAbsence(t.dataSource, employee.id, { startsOn: '2027-03-25', endsOn: '2027-03-29' });
    await buildAbsence(t.dataSource, employee.id, { type: 'training', startsOn: '2027-04-06', endsOn: '2027-04-07' });
    expect(await expectedHoursForAssignment(t.dataSource.manager, assignmentId)).toEqual([
      { week: '2027-W12', expectedHours: 12 },
      { week: '2027-W13', expectedHours: 16 },
      { week: '2027-W14', expectedHours: 12 },
    ]);
  });

  it('never expects more than the desk is open', async () => {
    // Monday, Wednesday and Friday, 9 to 1: 12 hours a week, fewer than the programme’s 20. No US holiday those weeks.
    const small = await buildShiftOrganisation(t, { countryCode: 'US', workingDays: [1, 3, 5], startTime: '09:00', endTime: '13:00' });
    const { assignmentId } = await buildRotatingEmployee(t, small, '2027-W12');
    expect(await expectedHoursForAssignment(t.dataSource.manager, assignmentId)).toEqual([
      { week: '2027-W12', expectedHours: 12 },
      { week: '2027-W13', expectedHours: 12 },
    ]);
  });

  it('adds up the logged hours and shifts by stage', async () => {
    setNow('2027-04-12T09:00');
    const { assignmentId, agent } = await buildRotatingEmployee(t, org, '2027-W12', { weeks: 3 });
    expect((await logShift(agent, assignmentId, { date: '2027-03-22', startTime: '09:00', endTime: '13:00' })).status).toBe(303);
    expect((await logShift(agent, assignmentId, { date: '2027-04-06', startTime: '09:00', endTime: '11:30' })).status).toBe(303);
    expect(await assignmentProgress(t.dataSource.manager, assignmentId)).toEqual({
      expectedHours: 52,
      loggedHours: 6.5,
      shiftsByStage: { shadowing: 0, paired: 0, solo: 2 },
      reachedStage: 'solo',
    });
    expect((await agent.get('/me/shifts')).text).toContain('6.5 of 52 expected hours logged (12%)');
  });
});

describe('stages', () => {
  const stageOptions = async (agent: Parameters<typeof logShift>[0], assignmentId: string) => {
    const form = await agent.get(`/me/shifts/new?assignment=${assignmentId}`);
    return [...form.text.matchAll(/<option value="(shadowing|paired|solo)"/g)].map((match) => match[1]);
  };

  it('advance by shifts: paired after 2 shadowing shifts, solo after 2 paired ones', async () => {
    setNow('2027-03-31T18:00');
    const org = await buildShiftOrganisation(t, {
      stages: [
        { name: 'Shadowing', amount: 2, unit: 'shifts' },
        { name: 'Paired', amount: 2, unit: 'shifts' },
        { name: 'Solo', amount: 1, unit: 'weeks' },
      ],
    });
    const { assignmentId, agent } = await buildRotatingEmployee(t, org, '2027-W12');
    const at = (date: string, stage: string) => logShift(agent, assignmentId, { date, stage });

    expect(await stageOptions(agent, assignmentId)).toEqual(['shadowing']);
    const early = await at('2027-03-22', 'paired');
    expect(early.status).toBe(422);
    expect(early.text).toContain('You have not reached the paired stage; choose shadowing.');

    expect((await at('2027-03-22', 'shadowing')).status).toBe(303);
    expect(await stageOptions(agent, assignmentId)).toEqual(['shadowing']);
    expect((await at('2027-03-23', 'shadowing')).status).toBe(303);
    expect(await stageOptions(agent, assignmentId)).toEqual(['shadowing', 'paired']);
    expect((await at('2027-03-24', 'solo')).status).toBe(422);
    expect((await at('2027-03-24', 'paired')).status).toBe(303);
    expect((await at('2027-03-25', 'paired')).status).toBe(303);
    expect(await stageOptions(agent, assignmentId)).toEqual(['shadowing', 'paired', 'solo']);
    expect((await at('2027-03-29', 'solo')).status).toBe(303);
    expect(await assignmentProgress(t.dataSource.manager, assignmentId)).toMatchObject({ shiftsByStage: { shadowing: 2, paired: 2, solo: 1 }, reachedStage: 'solo' });
  });

  it('advance by weeks once a week with shifts at the stage is over', async () => {
    const org = await buildShiftOrganisation(t, {
      stages: [
        { name: 'Shadowing', amount: 1, unit: 'weeks' },
        { name: 'Solo', amount: 1, unit: 'weeks' },
      ],
    });
    const { assignmentId, agent } = await buildRotatingEmployee(t, org, '2027-W12');
    const idle = await buildRotatingEmployee(t, org, '2027-W12');
    setNow('2027-03-24T18:00');
    expect((await logShift(agent, assignmentId, { date: '2027-03-22', stage: 'shadowing' })).status).toBe(303);
    expect(await stageOptions(agent, assignmentId)).toEqual(['shadowing']);

    setNow('2027-03-29T18:00');
    expect(await stageOptions(agent, assignmentId)).toEqual(['shadowing', 'solo']);
    expect((await agent.get('/me/shifts')).text).toContain('data-reached-stage="solo"');
    // A week without shifts does not count towards the stage.
    expect(await stageOptions(idle.agent, idle.assignmentId)).toEqual(['shadowing']);
  });
});
