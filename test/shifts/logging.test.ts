import { buildAbsence, buildEmployee } from '../support/factories';
import { csrfTokenFrom, signIn } from '../support/sessions';
import { formBody, type FormFields } from '../rotations/forms';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  assignmentState,
  buildRotatingEmployee,
  buildShiftOrganisation,
  logShift,
  postForm,
  restoreNow,
  setNow,
  shiftFields,
  shiftsOf,
  type ShiftOrganisation,
} from './shift-setup';

let t: TestApp;
let org: ShiftOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildShiftOrganisation(t);
});
beforeEach(() => setNow('2027-03-31T18:00'));
afterAll(async () => {
  restoreNow();
  await t.close();
});

/** A rotation over 2027-W12 and W13 (22 March to 4 April 2027), in progress. */
const rotating = () => buildRotatingEmployee(t, org, '2027-W12');

describe('logging a shift', () => {
  it('saves the desk’s local times as instants and lists the shift with its zone', async () => {
    const { employee, assignmentId, agent } = await rotating();
    const form = await agent.get(`/me/shifts/new?assignment=${assignmentId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Europe/Berlin');

    const logged = await logShift(agent, assignmentId, { date: '2027-03-29', startTime: '09:00', endTime: '13:30', channel: 'chat', contacts: 14, notes: 'Refund questions' });
    expect(logged.status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([
      { starts_at: '2027-03-29T07:00Z', ends_at: '2027-03-29T11:30Z', hours: 4.5, channel: 'chat', contacts: 14, stage: 'solo' },
    ]);
    const list = await agent.get('/me/shifts');
    expect(list.text).toContain('Shift logged.');
    expect(list.text).toContain('09:00–13:30');
    expect(list.text).toContain('Refund questions');
  });

  it('moves a scheduled rotation to in progress with its first shift', async () => {
    const { assignmentId, agent } = await buildRotatingEmployee(t, org, '2027-W12', { status: 'scheduled' });
    expect((await logShift(agent, assignmentId)).status).toBe(303);
    expect(await assignmentState(t.dataSource, assignmentId)).toMatchObject({ status: 'in-progress', version: 2 });
  });

  it.each([
    ['an end before the start', { startTime: '09:00', endTime: '08:00' }, 'The shift must end after it starts.'],
    ['an end equal to the start', { startTime: '09:00', endTime: '09:00' }, 'The shift must end after it starts.'],
    ['more than 12 hours', { startTime: '06:00', endTime: '19:00' }, 'A shift is at most 12 hours; this one is 13 hours.'],
    ['a day before the rotation', { date: '2027-03-21' }, 'Choose a day of the rotation, from 2027-03-22 to 2027-04-04.'],
    ['a shift not over yet', { date: '2027-03-31', startTime: '17:00', endTime: '19:00' }, 'The shift has not ended yet'],
    ['a day in the future', { date: '2027-04-01' }, 'The shift has not ended yet'],
    ['contacts with a fraction', { contacts: '2.5' }, 'Enter the number of contacts handled, a whole number from 0 to 500'],
    ['negative contacts', { contacts: '-1' }, 'Enter the number of contacts handled, a whole number from 0 to 500'],
    ['no contacts given', { contacts: '' }, 'Enter the number of contacts handled, a whole number from 0 to 500'],
    ['more than 500 contacts', { contacts: '501' }, 'At most 500 contacts fit in one shift'],
    ['a start the clocks skip', { date: '2027-03-28', startTime: '02:30', endTime: '06:00' }, '02:30 does not exist on 2027-03-28 in Europe/Berlin'],
  ])('refuses %s with a plain message and saves nothing', async (_case, fields, message) => {
    const { employee, assignmentId, agent } = await rotating();
    const refused = await logShift(agent, assignmentId, fields);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(message);
    expect(await shiftsOf(t.dataSource, employee.id)).toEqual([]);
  });

  it('refuses a shift that overlaps another of the person’s shifts, and allows one that follows it', async () => {
    const { employee, assignmentId, agent } = await rotating();
    expect((await logShift(agent, assignmentId, { startTime: '09:00', endTime: '13:00' })).status).toBe(303);
    const overlapping = await logShift(agent, assignmentId, { startTime: '12:00', endTime: '15:00' });
    expect(overlapping.status).toBe(422);
    expect(overlapping.text).toContain('This overlaps another of your shifts, on 2027-03-29 from 09:00 to 13:00.');
    expect((await logShift(agent, assignmentId, { startTime: '13:00', endTime: '15:00' })).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toHaveLength(2);
  });

  it('saves only one of two overlapping shifts sent at the same moment', async () => {
    const { employee, assignmentId, agent } = await rotating();
    // One token for both, as from one open page: fetching a page for each would replace the first token.
    const token = await csrfTokenFrom(agent, '/me/shifts');
    const send = (fields: FormFields) => agent.post('/me/shifts').type('form').send(formBody({ _csrf: token, ...shiftFields(assignmentId, fields) }));
    const responses = await Promise.all([send({ startTime: '09:00', endTime: '12:00' }), send({ startTime: '11:00', endTime: '14:00' })]);
    expect(responses.map((response) => response.status).sort()).toEqual([303, 422]);
    expect(await shiftsOf(t.dataSource, employee.id)).toHaveLength(1);
  });

  it('allows late logging for the grace days after the rotation, and not after', async () => {
    const { employee, assignmentId, agent } = await rotating();
    setNow('2027-04-07T20:00');
    expect((await logShift(agent, assignmentId, { date: '2027-04-02' })).status).toBe(303);
    setNow('2027-04-08T08:00');
    const late = await logShift(agent, assignmentId, { date: '2027-04-01' });
    expect(late.status).toBe(422);
    expect(late.text).toContain('Shifts of this rotation could be logged until 2027-04-07; ask HR to add or correct this one.');
    expect(await shiftsOf(t.dataSource, employee.id)).toHaveLength(1);
  });

  it('asks to confirm a shift on a day the person is recorded absent, then saves it confirmed', async () => {
    const { employee, assignmentId, agent } = await rotating();
    await buildAbsence(t.dataSource, employee.id, { type: 'sick-leave', startsOn: '2027-03-30', endsOn: '2027-03-30' });
    const asked = await logShift(agent, assignmentId, { date: '2027-03-30' });
    expect(asked.status).toBe(422);
    expect(asked.text).toContain('You are recorded as absent on 2027-03-30. Did you work this shift all the same?');
    expect(asked.text).toContain('name="absenceConfirmed"');
    expect(await shiftsOf(t.dataSource, employee.id)).toEqual([]);

    expect((await logShift(agent, assignmentId, { date: '2027-03-30', absenceConfirmed: 'yes' })).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ absence_confirmed: true }]);
  });

  it('offers no rotation of someone else, nor a completed one', async () => {
    const { assignmentId } = await rotating();
    const other = await signIn(t.app, (await buildEmployee(t.dataSource, { departmentId: org.departmentId, siteId: org.siteId })).email);
    expect((await other.get(`/me/shifts/new?assignment=${assignmentId}`)).status).toBe(404);
    expect((await logShift(other, assignmentId)).status).toBe(404);

    const done = await buildRotatingEmployee(t, org, '2027-W10', { status: 'completed' });
    expect((await done.agent.get(`/me/shifts/new?assignment=${done.assignmentId}`)).status).toBe(403);
    const refused = await logShift(done.agent, done.assignmentId, { date: '2027-03-09' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('This rotation is completed');
    expect(await shiftsOf(t.dataSource, done.employee.id)).toEqual([]);
  });
});

describe('a shift on a daylight-saving day', () => {
  it('counts the real hours: 00:00 to 08:00 is 7 hours when the clocks go forward', async () => {
    const { employee, assignmentId, agent } = await rotating();
    expect((await logShift(agent, assignmentId, { date: '2027-03-28', startTime: '00:00', endTime: '08:00' })).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ starts_at: '2027-03-27T23:00Z', ends_at: '2027-03-28T06:00Z', hours: 7 }]);
    expect((await agent.get('/me/shifts')).text).toMatch(/00:00–08:00<\/td>\s*<td>7<\/td>/);
  });

  it('counts 9 hours when they go back, and so refuses 00:00 to 12:00 that day as 13 hours', async () => {
    setNow('2026-10-28T12:00');
    const { employee, assignmentId, agent } = await buildRotatingEmployee(t, org, '2026-W43', { weeks: 2 });
    const tooLong = await logShift(agent, assignmentId, { date: '2026-10-25', startTime: '00:00', endTime: '12:00' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain('A shift is at most 12 hours; this one is 13 hours.');
    expect((await logShift(agent, assignmentId, { date: '2026-10-25', startTime: '00:00', endTime: '08:00' })).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ starts_at: '2026-10-24T22:00Z', ends_at: '2026-10-25T07:00Z', hours: 9 }]);
  });
});

describe('start shift and end shift', () => {
  it('logs the shift from the moment it started to the moment it ended', async () => {
    const { employee, assignmentId, agent } = await rotating();
    setNow('2027-03-31T09:00:20');
    expect((await postForm(agent, '/me/shifts/start', { assignmentId, channel: 'email', stage: 'solo' })).status).toBe(303);
    const running = await agent.get('/me/shifts');
    expect(running.text).toContain('Shift under way');
    expect(running.text).toContain('Started 2027-03-31 09:00 (Europe/Berlin)');
    const twice = await postForm(agent, '/me/shifts/start', { assignmentId, channel: 'email', stage: 'solo' });
    expect(twice.status).toBe(422);
    expect(twice.text).toContain('You have a shift under way already');

    setNow('2027-03-31T12:30:45');
    expect((await postForm(agent, '/me/shifts/end', { contacts: 7, notes: 'Quiet morning' })).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([
      { starts_at: '2027-03-31T07:00Z', ends_at: '2027-03-31T10:30Z', hours: 3.5, channel: 'email', contacts: 7 },
    ]);
    expect((await agent.get('/me/shifts')).text).not.toContain('Shift under way');
  });

  it('refuses to end a shift left running past 12 hours, which the person then discards', async () => {
    const { employee, assignmentId, agent } = await rotating();
    setNow('2027-03-30T06:00');
    expect((await postForm(agent, '/me/shifts/start', { assignmentId, channel: 'phone', stage: 'solo' })).status).toBe(303);
    setNow('2027-03-30T19:00');
    const refused = await postForm(agent, '/me/shifts/end', { contacts: 3 });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('A shift is at most 12 hours; this one is 13 hours.');
    expect(await shiftsOf(t.dataSource, employee.id)).toEqual([]);
    expect((await postForm(agent, '/me/shifts/discard')).status).toBe(303);
    expect((await agent.get('/me/shifts')).text).not.toContain('Shift under way');
  });

  it('asks to confirm starting on a day the person is recorded absent', async () => {
    const { employee, assignmentId, agent } = await rotating();
    await buildAbsence(t.dataSource, employee.id, { startsOn: '2027-03-31', endsOn: '2027-04-02' });
    setNow('2027-03-31T09:00');
    const asked = await postForm(agent, '/me/shifts/start', { assignmentId, channel: 'phone', stage: 'solo' });
    expect(asked.status).toBe(422);
    expect(asked.text).toContain('You are recorded as absent on 2027-03-31');
    expect((await postForm(agent, '/me/shifts/start', { assignmentId, channel: 'phone', stage: 'solo', absenceConfirmed: 'yes' })).status).toBe(303);
  });
});
