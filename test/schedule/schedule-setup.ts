// A small organisation for the schedule's tests: one site and department without limits, a desk, a recurring
// programme, HR, and helpers for weeks counted from the first week a change may touch.
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { nextMonday } from '../../src/plan-runs/plan-runs.service';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite, type DeskFields } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import type { TestApp } from '../support/test-app';

export const today = DateTime.now().toISODate()!;

/** The ISO week `n` weeks after the first one a change may touch (n = 0 is that week). */
export function week(n: number): string {
  return DateTime.fromISO(nextMonday(today)).plus({ weeks: n }).toFormat("kkkk-'W'WW");
}

export interface Organisation {
  siteId: string;
  departmentId: string;
  deskId: string;
  deskName: string;
  programmeId: string;
  hr: Agent;
}

export async function buildOrganisation(t: TestApp, desk: DeskFields = {}): Promise<Organisation> {
  const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
  const builtDesk = await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: 1, ...desk });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  const hr = await signIn(t.app, (await buildHr(t.dataSource, { departmentId: department.id, siteId: site.id })).email);
  return { siteId: site.id, departmentId: department.id, deskId: builtDesk.id, deskName: builtDesk.name, programmeId: programme.id, hr };
}

/** An employee of the organisation with a scheduled two-week rotation from `firstWeek`. */
export async function buildRotatingEmployee(dataSource: DataSource, org: Organisation, firstWeek: string, deskId = org.deskId) {
  const employee = await buildEmployee(dataSource, { departmentId: org.departmentId, siteId: org.siteId });
  const assignmentId = await buildAssignment(dataSource, { employeeId: employee.id, programmeId: org.programmeId, deskId, firstWeek, weeks: 2 });
  return { employee, assignmentId };
}

export async function assignmentRow(t: TestApp, id: string) {
  const [row] = await t.dataSource.query(
    `SELECT desk_id, first_week, weeks, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
            status, status_reason, version
       FROM assignments WHERE id = $1`,
    [id],
  );
  return row;
}

export async function noticesFor(t: TestApp, assignmentId: string): Promise<string[]> {
  const rows: { kind: string }[] = await t.dataSource.query(`SELECT kind FROM notices WHERE assignment_id = $1 ORDER BY created_at, kind`, [assignmentId]);
  return rows.map((row) => row.kind);
}

export async function auditActions(t: TestApp, entityType: string, entityId: string): Promise<string[]> {
  const rows: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [entityType, entityId]);
  return rows.map((row) => row.action);
}
