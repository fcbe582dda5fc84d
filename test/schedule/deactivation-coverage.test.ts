import { postForm } from '../rotations/forms';
import { buildAssignment, buildDesk } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { assignmentRow, auditActions, buildOrganisation, buildRotatingEmployee, noticesFor, today, week, type Organisation } from './schedule-setup';

let t: TestApp;
let org: Organisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildOrganisation(t);
});
afterAll(() => t.close());

describe('deactivating an employee', () => {
  it('cancels their rotations that would run past the last working day, freeing the desk for someone else', async () => {
    const leaving = await buildRotatingEmployee(t.dataSource, org, week(2));
    const later = await buildAssignment(t.dataSource, { employeeId: leaving.employee.id, programmeId: org.programmeId, deskId: org.deskId, firstWeek: week(30), weeks: 2 });
    const staying = await buildRotatingEmployee(t.dataSource, org, week(6));
    const blocked = await postForm(org.hr, `/hr/assignments/${staying.assignmentId}/move`, { version: 1, firstWeek: week(2), deskId: org.deskId });
    expect(blocked.status).toBe(422);
    expect(blocked.text).toContain(`${org.deskName} is full in ${week(2)} (2 of 1)`);

    const deactivated = await postForm(org.hr, `/hr/employees/${leaving.employee.id}/deactivate`, { terminationDate: today, version: 1 });
    expect(deactivated.status).toBe(303);
    for (const id of [leaving.assignmentId, later]) {
      expect(await assignmentRow(t, id)).toMatchObject({ status: 'cancelled', status_reason: `${leaving.employee.fullName} leaves on ${today}` });
      expect(await noticesFor(t, id)).toEqual(['cancelled']);
      expect(await auditActions(t, 'assignment', id)).toEqual(['cancelled']);
    }

    const moved = await postForm(org.hr, `/hr/assignments/${staying.assignmentId}/move`, { version: 1, firstWeek: week(2), deskId: org.deskId });
    expect(moved.status).toBe(303);
    expect(await assignmentRow(t, staying.assignmentId)).toMatchObject({ first_week: week(2), status: 'scheduled' });
  });

  it('leaves the rotations of someone whose last day comes after them', async () => {
    const { employee, assignmentId } = await buildRotatingEmployee(t.dataSource, org, week(10));
    const lastDay = await t.dataSource.query(`SELECT to_char(ends_on + 1, 'YYYY-MM-DD') AS day FROM assignments WHERE id = $1`, [assignmentId]);
    expect((await postForm(org.hr, `/hr/employees/${employee.id}/deactivate`, { terminationDate: lastDay[0].day, version: 1 })).status).toBe(303);
    expect(await assignmentRow(t, assignmentId)).toMatchObject({ status: 'scheduled', version: 1 });
  });
});

describe('the coverage report', () => {
  it('shows hosts against capacity per desk and week, and highlights weeks under the desk’s minimum', async () => {
    const desk = await buildDesk(t.dataSource, { siteId: org.siteId, weeklyCapacity: 3, minimumHosts: 2 });
    await t.dataSource.query(`INSERT INTO desk_capacity_overrides (desk_id, week, capacity) VALUES ($1, $2, 0)`, [desk.id, week(43)]);
    for (const firstWeek of [week(40), week(40), week(41)]) {
      await buildRotatingEmployee(t.dataSource, org, firstWeek, desk.id);
    }
    const report = await org.hr.get(`/hr/coverage?from=${week(40)}&weeks=4`);
    expect(report.status).toBe(200);
    const cell = (weekLabel: string) => new RegExp(`<td class="([^"]*)" data-coverage="${desk.name} ${weekLabel}">([^<]*)<`).exec(report.text)?.slice(1, 3);
    expect(cell(week(40))).toEqual(['', '2/3']);
    expect(cell(week(41))).toEqual(['coverage-full', '3/3']);
    expect(cell(week(42))).toEqual(['coverage-under', '1/3']);
    // A closed week is not short of hosts.
    expect(cell(week(43))).toEqual(['coverage-full', '0/0']);
    expect(report.text).toContain('1 week short');
  });

  it('covers the next 12 weeks unless told otherwise', async () => {
    const report = await org.hr.get('/hr/coverage?from=nonsense');
    expect(report.status).toBe(200);
    expect(report.text).toContain(`data-coverage="${org.deskName} ${week(10)}"`);
    expect(report.text).not.toContain(`data-coverage="${org.deskName} ${week(11)}"`);
  });
});

describe('the desk’s minimum hosts', () => {
  const deskForm = (deskId: string, siteId: string, fields: Record<string, string>) =>
    postForm(org.hr, `/hr/desks/${deskId}`, { name: `Desk ${deskId.slice(0, 8)}`, siteId, hosts: 'all', days: ['1', '2', '3', '4', '5'], startTime: '09:00', endTime: '17:00', weeklyCapacity: '4', ...fields });
  const minimumOf = async (deskId: string) => (await t.dataSource.query(`SELECT minimum_hosts FROM desks WHERE id = $1`, [deskId]))[0].minimum_hosts;

  it('is saved from the desk form, and may be left empty', async () => {
    const desk = await buildDesk(t.dataSource, { siteId: org.siteId });
    expect((await deskForm(desk.id, org.siteId, { minimumHosts: '2' })).status).toBe(303);
    expect(await minimumOf(desk.id)).toBe(2);
    expect((await org.hr.get(`/hr/desks/${desk.id}`)).text).toContain('name="minimumHosts" type="number" min="0" step="1" value="2"');
    expect((await deskForm(desk.id, org.siteId, { minimumHosts: '' })).status).toBe(303);
    expect(await minimumOf(desk.id)).toBeNull();
  });

  it('must lie between 0 and the weekly capacity', async () => {
    const desk = await buildDesk(t.dataSource, { siteId: org.siteId });
    const tooMany = await deskForm(desk.id, org.siteId, { minimumHosts: '5' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('The minimum hosts cannot be more than the weekly capacity');
    const negative = await deskForm(desk.id, org.siteId, { minimumHosts: '-1' });
    expect(negative.status).toBe(422);
    expect(negative.text).toContain('The minimum hosts must be 0 or more');
    expect(await minimumOf(desk.id)).toBeNull();
  });
});
