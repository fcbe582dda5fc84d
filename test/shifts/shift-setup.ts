// A small organisation for the shift tests: a Berlin desk (Germany's holidays), a programme with stages, and
// employees with rotations. The app's clock is luxon's, so a test names the moment it happens at.
import { DateTime, Settings } from 'luxon';
import type { DataSource } from 'typeorm';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite, type ProgrammeFields } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import type { TestApp } from '../support/test-app';
import { postForm, type FormFields } from '../rotations/forms';

export const berlin = 'Europe/Berlin';

/** Makes the app's "now" this moment at the Berlin desk, e.g. '2027-03-31T18:00'. */
export function setNow(local: string, zone = berlin): DateTime {
  const moment = DateTime.fromISO(local, { zone });
  Settings.now = () => moment.toMillis();
  return moment;
}

export function restoreNow(): void {
  Settings.now = () => Date.now();
}

export interface StageRow {
  name: string;
  amount: number;
  unit: 'weeks' | 'shifts';
}

export interface ShiftOrganisation {
  siteId: string;
  departmentId: string;
  deskId: string;
  programmeId: string;
  hr: Agent;
  hrId: string;
}

export async function buildShiftOrganisation(
  t: TestApp,
  options: { programme?: ProgrammeFields; stages?: StageRow[]; countryCode?: string; workingDays?: number[]; startTime?: string; endTime?: string } = {},
): Promise<ShiftOrganisation> {
  const site = await buildSite(t.dataSource, { timeZone: berlin, countryCode: options.countryCode ?? 'DE' });
  const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
  const desk = await buildDesk(t.dataSource, {
    siteId: site.id,
    weeklyCapacity: 10,
    workingDays: options.workingDays ?? [1, 2, 3, 4, 5],
    startTime: options.startTime ?? '09:00',
    endTime: options.endTime ?? '17:00',
  });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2, expectedHoursPerWeek: 20, ...options.programme });
  if (options.stages) await setStages(t.dataSource, programme.id, options.stages);
  const hrPerson = await buildHr(t.dataSource, { departmentId: department.id, siteId: site.id });
  return { siteId: site.id, departmentId: department.id, deskId: desk.id, programmeId: programme.id, hr: await signIn(t.app, hrPerson.email), hrId: hrPerson.id };
}

export async function setStages(dataSource: DataSource, programmeId: string, stages: StageRow[]): Promise<void> {
  await dataSource.query(`DELETE FROM programme_stages WHERE programme_id = $1`, [programmeId]);
  for (const [index, stage] of stages.entries()) {
    await dataSource.query(`INSERT INTO programme_stages (programme_id, position, name, amount, unit) VALUES ($1, $2, $3, $4, $5)`, [
      programmeId,
      index + 1,
      stage.name,
      stage.amount,
      stage.unit,
    ]);
  }
}

/** An employee of the organisation, signed in, with a rotation from `firstWeek`. */
export async function buildRotatingEmployee(
  t: TestApp,
  org: ShiftOrganisation,
  firstWeek: string,
  fields: { weeks?: number; status?: 'scheduled' | 'in-progress' | 'completed'; hireDate?: string } = {},
) {
  const employee = await buildEmployee(t.dataSource, { departmentId: org.departmentId, siteId: org.siteId, ...(fields.hireDate ? { hireDate: fields.hireDate } : {}) });
  const assignmentId = await buildAssignment(t.dataSource, {
    employeeId: employee.id,
    programmeId: org.programmeId,
    deskId: org.deskId,
    firstWeek,
    weeks: fields.weeks ?? 2,
    status: fields.status ?? 'in-progress',
  });
  return { employee, assignmentId, agent: await signIn(t.app, employee.email) };
}

export const shiftFields = (assignmentId: string, fields: FormFields = {}): FormFields => ({
  assignmentId,
  date: '2027-03-29',
  startTime: '09:00',
  endTime: '13:00',
  channel: 'phone',
  contacts: 12,
  stage: 'solo',
  notes: '',
  ...fields,
});

export const logShift = (agent: Agent, assignmentId: string, fields: FormFields = {}) => postForm(agent, '/me/shifts', shiftFields(assignmentId, fields));

export interface StoredShift {
  id: string;
  starts_at: string;
  ends_at: string;
  hours: number;
  channel: string;
  contacts: number;
  stage: string;
  absence_confirmed: boolean;
}

export async function shiftsOf(dataSource: DataSource, employeeId: string): Promise<StoredShift[]> {
  return dataSource.query(
    `SELECT id, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS starts_at, to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS ends_at,
            (extract(epoch FROM ends_at - starts_at) / 3600)::float AS hours, channel, contacts, stage, absence_confirmed
       FROM shifts WHERE employee_id = $1 ORDER BY starts_at`,
    [employeeId],
  );
}

export async function assignmentState(dataSource: DataSource, assignmentId: string) {
  const [row] = await dataSource.query(
    `SELECT status, version, weeks, extended_weeks, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, to_char(incomplete_since, 'YYYY-MM-DD') AS incomplete_since,
            completed_at IS NOT NULL AS completed
       FROM assignments WHERE id = $1`,
    [assignmentId],
  );
  return row;
}

export { postForm };
