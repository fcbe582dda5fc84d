import { buildEmployee } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildRotatingEmployee, buildShiftOrganisation, logShift, postForm, restoreNow, setNow, shiftFields, shiftsOf, type ShiftOrganisation } from './shift-setup';

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

/** A person on a rotation over 2027-W12 and W13 with one shift logged, 29 March 09:00–13:00, 12 contacts. */
async function withShift() {
  const person = await buildRotatingEmployee(t, org, '2027-W12');
  expect((await logShift(person.agent, person.assignmentId)).status).toBe(303);
  const [shift] = await shiftsOf(t.dataSource, person.employee.id);
  return { ...person, shiftId: shift.id };
}

const edited = (fields: Record<string, string | number>) => ({ ...shiftFields(''), assignmentId: undefined, version: 1, ...fields });

const auditEntries = (shiftId: string) =>
  t.dataSource.query(`SELECT action, actor_name, before, after FROM audit_log WHERE entity_type = 'shift' AND entity_id = $1 ORDER BY id`, [shiftId]);

describe('an employee’s own shifts', () => {
  it('can be changed, without the shift overlapping itself, and deleted', async () => {
    const { employee, agent, shiftId } = await withShift();
    const form = await agent.get(`/me/shifts/${shiftId}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="09:00"');
    expect((await postForm(agent, `/me/shifts/${shiftId}`, edited({ startTime: '10:00', endTime: '13:00', contacts: 9 }))).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ starts_at: '2027-03-29T08:00Z', hours: 3, contacts: 9 }]);

    expect((await postForm(agent, `/me/shifts/${shiftId}/delete`)).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toEqual([]);
  });

  it('keep the rules when changed, and refuse a change made from an outdated form', async () => {
    const { employee, agent, shiftId } = await withShift();
    const refused = await postForm(agent, `/me/shifts/${shiftId}`, edited({ endTime: '23:00', startTime: '09:00' }));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('A shift is at most 12 hours');
    expect((await postForm(agent, `/me/shifts/${shiftId}`, edited({ contacts: 20 }))).status).toBe(303);
    const stale = await postForm(agent, `/me/shifts/${shiftId}`, edited({ contacts: 30 }));
    expect(stale.status).toBe(409);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ hours: 4, contacts: 20 }]);
  });

  it('are nobody else’s to change or delete', async () => {
    const { employee, shiftId } = await withShift();
    const colleague = await signIn(t.app, (await buildEmployee(t.dataSource, { departmentId: org.departmentId, siteId: org.siteId })).email);
    expect((await colleague.get(`/me/shifts/${shiftId}/edit`)).status).toBe(404);
    expect((await postForm(colleague, `/me/shifts/${shiftId}`, edited({ contacts: 1 }))).status).toBe(404);
    expect((await postForm(colleague, `/me/shifts/${shiftId}/delete`)).status).toBe(404);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ contacts: 12 }]);
    expect((await colleague.get(`/hr/shifts/${shiftId}`)).status).toBe(403);
    expect((await postForm(colleague, `/hr/shifts/${shiftId}/delete`)).status).toBe(403);
  });

  it('can no longer change once the rotation is completed', async () => {
    const { employee, agent, assignmentId, shiftId } = await withShift();
    await t.dataSource.query(`UPDATE assignments SET status = 'completed', completed_at = now() WHERE id = $1`, [assignmentId]);
    expect((await agent.get(`/me/shifts/${shiftId}/edit`)).status).toBe(403);
    const refused = await postForm(agent, `/me/shifts/${shiftId}`, edited({ contacts: 1 }));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('This rotation is completed: its shifts can no longer be logged or changed. HR can correct them.');
    expect((await postForm(agent, `/me/shifts/${shiftId}/delete`)).status).toBe(403);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ contacts: 12 }]);
    expect((await agent.get('/me/shifts')).text).not.toContain(`/me/shifts/${shiftId}/edit`);
  });
});

describe('HR’s corrections', () => {
  it('change any shift, even of a completed rotation, with before and after in the audit log', async () => {
    const { employee, assignmentId, shiftId } = await withShift();
    await t.dataSource.query(`UPDATE assignments SET status = 'completed', completed_at = now() WHERE id = $1`, [assignmentId]);
    const list = await org.hr.get(`/hr/shifts?assignment=${assignmentId}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/hr/shifts/${shiftId}`);
    expect((await org.hr.get(`/hr/shifts/${shiftId}`)).status).toBe(200);

    expect((await postForm(org.hr, `/hr/shifts/${shiftId}`, edited({ endTime: '14:00', contacts: 15 }))).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ hours: 5, contacts: 15 }]);
    const [entry] = await auditEntries(shiftId);
    expect(entry).toMatchObject({ action: 'updated', before: { endTime: '13:00', contacts: 12 }, after: { endTime: '14:00', contacts: 15 } });
  });

  it('keep the rules: a refused correction saves nothing and records nothing', async () => {
    const { employee, shiftId } = await withShift();
    const refused = await postForm(org.hr, `/hr/shifts/${shiftId}`, edited({ startTime: '15:00', endTime: '14:00' }));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('The shift must end after it starts.');
    expect(await shiftsOf(t.dataSource, employee.id)).toMatchObject([{ hours: 4 }]);
    expect(await auditEntries(shiftId)).toEqual([]);
  });

  it('delete a shift, recording what it was', async () => {
    const { employee, shiftId } = await withShift();
    expect((await postForm(org.hr, `/hr/shifts/${shiftId}/delete`)).status).toBe(303);
    expect(await shiftsOf(t.dataSource, employee.id)).toEqual([]);
    expect(await auditEntries(shiftId)).toMatchObject([
      { action: 'deleted', before: { date: '2027-03-29', startTime: '09:00', endTime: '13:00', timeZone: 'Europe/Berlin', contacts: 12 }, after: null },
    ]);
  });
});
