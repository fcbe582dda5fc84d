import { createPlanRun } from '../../src/plan-runs/plan-runs.service';
import { completeFinishedRotations } from '../../src/shifts/completion';
import { expectedHoursForAssignment } from '../../src/shifts/progress';
import { buildAssignment, buildEmployee } from '../support/factories';
import { csrfTokenFrom } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { assignmentState, buildRotatingEmployee, buildShiftOrganisation, logShift, postForm, restoreNow, setNow, type ShiftOrganisation } from './shift-setup';

let t: TestApp;
let org: ShiftOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  // 20 hours a week: 2027-W12 and W13 expect 16 each (Good Friday, Easter Monday), 32 in all; 80% is 25.6.
  org = await buildShiftOrganisation(t);
});
afterAll(async () => {
  restoreNow();
  await t.close();
});

/** Someone who worked their 2027-W12/W13 rotation for the given hours, 4 hours a day from 22 March on (the last shift shorter). */
async function rotationWithHours(hours: number) {
  setNow('2027-04-05T09:00');
  const person = await buildRotatingEmployee(t, org, '2027-W12');
  const days = ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26', '2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01'];
  for (let left = hours, day = 0; left > 0; left -= 4, day++) {
    const end = `${String(9 + Math.min(4, left)).padStart(2, '0')}:00`;
    expect((await logShift(person.agent, person.assignmentId, { date: days[day], startTime: '09:00', endTime: end })).status).toBe(303);
  }
  return person;
}

const settle = (today: string) => t.dataSource.transaction((manager) => completeFinishedRotations(manager, today));

const auditActions = async (assignmentId: string) =>
  (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'assignment' AND entity_id = $1 ORDER BY id`, [assignmentId])).map(
    (row: { action: string }) => row.action,
  );

async function changeSettings(fields: Record<string, string>) {
  const token = await csrfTokenFrom(org.hr, '/hr/settings');
  return org.hr.post('/hr/settings').type('form').send({ _csrf: token, reminderDaysBefore: '7', swapsNeedApproval: 'yes', ...fields });
}

describe('settling finished rotations', () => {
  it('waits for the days of late logging, then completes a rotation with enough hours and flags one without', async () => {
    const enough = await rotationWithHours(26);
    const short = await rotationWithHours(8);
    // Ended Sunday 4 April; late logging runs to Wednesday 7 April.
    await settle('2027-04-07');
    expect(await assignmentState(t.dataSource, enough.assignmentId)).toMatchObject({ status: 'in-progress', completed: false });
    expect(await assignmentState(t.dataSource, short.assignmentId)).toMatchObject({ status: 'in-progress', incomplete_since: null });

    await settle('2027-04-08');
    expect(await assignmentState(t.dataSource, enough.assignmentId)).toMatchObject({ status: 'completed', completed: true, incomplete_since: null });
    expect(await assignmentState(t.dataSource, short.assignmentId)).toMatchObject({ status: 'in-progress', completed: false, incomplete_since: '2027-04-08' });
    // Settled once: a later run leaves both as they are.
    await settle('2027-04-09');
    expect(await assignmentState(t.dataSource, short.assignmentId)).toMatchObject({ version: 2, incomplete_since: '2027-04-08' });

    setNow('2027-04-08T10:00');
    const page = await org.hr.get('/hr/incomplete');
    expect(page.status).toBe(200);
    expect(page.text).toContain(short.employee.fullName);
    expect(page.text).toContain('8 of 32 expected hours logged (25%)');
    expect(page.text).not.toContain(enough.employee.fullName);
  });

  it('flags a rotation still scheduled that nobody logged on, as one that took place', async () => {
    setNow('2027-04-05T09:00');
    const { assignmentId } = await buildRotatingEmployee(t, org, '2027-W12', { status: 'scheduled' });
    await settle('2027-04-08');
    expect(await assignmentState(t.dataSource, assignmentId)).toMatchObject({ status: 'in-progress', incomplete_since: '2027-04-08' });
  });

  it('uses the share and the late-logging days HR sets, each checked', async () => {
    for (const [fields, message] of [
      [{ completionSharePercent: '0', lateLoggingGraceDays: '3' }, 'The completion share is a percentage from 1 to 100'],
      [{ completionSharePercent: '101', lateLoggingGraceDays: '3' }, 'The completion share is a percentage from 1 to 100'],
      [{ completionSharePercent: '80', lateLoggingGraceDays: '31' }, 'Late logging is allowed for from 0 to 30'],
      [{ completionSharePercent: '80', lateLoggingGraceDays: '' }, 'Enter the days for late logging as a whole number'],
    ] as const) {
      const refused = await changeSettings(fields);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain(message);
    }
    const short = await rotationWithHours(8);
    expect((await changeSettings({ completionSharePercent: '25', lateLoggingGraceDays: '0' })).status).toBe(303);
    try {
      const [entry] = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_type = 'settings' ORDER BY id DESC LIMIT 1`);
      expect(entry).toEqual({ before: { completionSharePercent: 80, lateLoggingGraceDays: 3 }, after: { completionSharePercent: 25, lateLoggingGraceDays: 0 } });
      expect((await org.hr.get('/hr/settings')).text).toContain('value="25"');
      await settle('2027-04-05');
      expect(await assignmentState(t.dataSource, short.assignmentId)).toMatchObject({ status: 'completed' });
    } finally {
      expect((await changeSettings({ completionSharePercent: '80', lateLoggingGraceDays: '3' })).status).toBe(303);
    }
  });
});

describe('HR’s decisions on incomplete rotations', () => {
  async function flagged() {
    const person = await rotationWithHours(8);
    await settle('2027-04-08');
    setNow('2027-04-08T10:00');
    return person;
  }

  it('accept: the rotation is completed as it is', async () => {
    const { assignmentId } = await flagged();
    expect((await postForm(org.hr, `/hr/incomplete/${assignmentId}/accept`, { version: 2 })).status).toBe(303);
    expect(await assignmentState(t.dataSource, assignmentId)).toMatchObject({ status: 'completed', completed: true, incomplete_since: null });
    expect(await auditActions(assignmentId)).toEqual(['accepted']);
    const again = await postForm(org.hr, `/hr/incomplete/${assignmentId}/accept`, { version: 3 });
    expect(again.status).toBe(422);
    expect(again.text).toContain('is not waiting for a decision');
  });

  it('re-plan: the rotation is cancelled and the next plan run places the person again', async () => {
    const { employee, assignmentId } = await flagged();
    expect((await postForm(org.hr, `/hr/incomplete/${assignmentId}/replan`, { version: 2 })).status).toBe(303);
    expect(await assignmentState(t.dataSource, assignmentId)).toMatchObject({ status: 'cancelled', incomplete_since: null });
    expect(await auditActions(assignmentId)).toEqual(['replanned']);
    const [{ status_reason }] = await t.dataSource.query(`SELECT status_reason FROM assignments WHERE id = $1`, [assignmentId]);
    expect(status_reason).toBe('Too few hours (8 of 32 expected hours logged): to be planned again');

    const runId = await createPlanRun(t.dataSource, { id: null, name: 'Test' }, { today: '2027-04-08', horizonWeeks: 12, replanPublished: false });
    const placed = await t.dataSource.query(`SELECT first_week FROM plan_run_assignments WHERE plan_run_id = $1 AND employee_id = $2 AND programme_id = $3`, [
      runId,
      employee.id,
      org.programmeId,
    ]);
    expect(placed).toHaveLength(1);
  });

  it('extend: adds weeks that reach past the week under way, expecting no more hours, and lets the person log again', async () => {
    const { assignmentId, agent } = await flagged();
    const tooShort = await postForm(org.hr, `/hr/incomplete/${assignmentId}/extend`, { version: 2, weeks: 1 });
    expect(tooShort.status).toBe(422);
    expect(tooShort.text).toContain('Extend by at least 2 weeks: the weeks up to 2027-W14 are under way or past');
    expect((await postForm(org.hr, `/hr/incomplete/${assignmentId}/extend`, { version: 2, weeks: 3 })).status).toBe(303);
    expect(await assignmentState(t.dataSource, assignmentId)).toMatchObject({
      status: 'in-progress',
      weeks: 5,
      extended_weeks: 3,
      ends_on: '2027-04-25',
      incomplete_since: null,
    });
    expect(await auditActions(assignmentId)).toEqual(['extended']);
    const [notice] = await t.dataSource.query(`SELECT kind FROM notices WHERE assignment_id = $1`, [assignmentId]);
    expect(notice).toEqual({ kind: 'changed' });
    expect((await expectedHoursForAssignment(t.dataSource.manager, assignmentId)).map((week) => week.expectedHours)).toEqual([16, 16, 0, 0, 0]);
    setNow('2027-04-13T18:00');
    expect((await logShift(agent, assignmentId, { date: '2027-04-13' })).status).toBe(303);
  });

  it('extend: refused when the schedule has no room, with the rule in words', async () => {
    const full = await buildShiftOrganisation(t);
    await t.dataSource.query(`UPDATE desks SET weekly_capacity = 1 WHERE id = $1`, [full.deskId]);
    setNow('2027-04-05T09:00');
    const person = await buildRotatingEmployee(t, full, '2027-W12');
    const other = await buildEmployee(t.dataSource, { departmentId: full.departmentId, siteId: full.siteId });
    await buildAssignment(t.dataSource, { employeeId: other.id, programmeId: full.programmeId, deskId: full.deskId, firstWeek: '2027-W15', weeks: 2 });
    await settle('2027-04-08');
    setNow('2027-04-08T10:00');
    const refused = await postForm(org.hr, `/hr/incomplete/${person.assignmentId}/extend`, { version: 2, weeks: 2 });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('is full in 2027-W15 (2 of 1)');
    expect(await assignmentState(t.dataSource, person.assignmentId)).toMatchObject({ weeks: 2, incomplete_since: '2027-04-08' });
  });

  it('are HR’s only, and refuse a decision made on an outdated page', async () => {
    const { agent, assignmentId } = await flagged();
    expect((await agent.get('/hr/incomplete')).status).toBe(403);
    expect((await postForm(agent, `/hr/incomplete/${assignmentId}/accept`, { version: 2 })).status).toBe(403);
    const stale = await postForm(org.hr, `/hr/incomplete/${assignmentId}/accept`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(await assignmentState(t.dataSource, assignmentId)).toMatchObject({ status: 'in-progress' });
  });
});

describe('the next due date', () => {
  it('is the completed rotation’s end plus the programme’s months', async () => {
    const { employee } = await rotationWithHours(28);
    await settle('2027-04-08');
    const runId = await createPlanRun(t.dataSource, { id: null, name: 'Test' }, { today: '2027-04-08', horizonWeeks: 60, replanPublished: false });
    // Ended Sunday 2027-04-04; every 12 months: due in the week of 2028-04-04.
    const due = await t.dataSource.query(
      `SELECT due_week FROM plan_run_assignments WHERE plan_run_id = $1 AND employee_id = $2 AND programme_id = $3
       UNION ALL SELECT due_week FROM plan_run_unplaced WHERE plan_run_id = $1 AND employee_id = $2 AND programme_id = $3`,
      [runId, employee.id, org.programmeId],
    );
    expect(due).toEqual([{ due_week: '2028-W14' }]);
  });
});

