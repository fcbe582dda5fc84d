// Reads published assignments with what calendars show of them: person, desk and its hours, programme and stages.
import type { EntityManager } from 'typeorm';
import { statusLabels, type AssignmentStatus } from '../schedule/assignment-status';
import type { DeskHours, StagePlan } from './working-sessions';

export type { AssignmentStatus };

/** The statuses as headings and tags show them: "In progress". */
export const assignmentStatusNames = Object.fromEntries(
  Object.entries(statusLabels).map(([status, label]) => [status, label[0].toUpperCase() + label.slice(1)]),
) as Record<AssignmentStatus, string>;

export interface CalendarAssignment {
  id: string;
  employeeId: string;
  employeeName: string;
  /** The employee's own zone: their site's. */
  employeeTimeZone: string;
  departmentId: string;
  departmentName: string;
  programmeId: string;
  programmeName: string;
  stages: StagePlan[];
  deskId: string;
  deskName: string;
  desk: DeskHours;
  firstWeek: string;
  weeks: number;
  startsOn: string;
  endsOn: string;
  status: AssignmentStatus;
  statusReason: string | null;
  version: number;
  updatedAt: Date;
}

/** Deferred and cancelled assignments keep their weeks in the table, but nobody works them. */
export const statusesNotTakingPlace: readonly AssignmentStatus[] = ['deferred', 'cancelled'];

/** Whether anybody works the assignment's weeks (SQL reads statusesNotTakingPlace for the same rule). */
export function takesPlace(assignment: Pick<CalendarAssignment, 'status'>): boolean {
  return !statusesNotTakingPlace.includes(assignment.status);
}

export type AssignmentScope =
  | { assignmentId: string }
  | { employeeId: string }
  | { deskId: string }
  | { departmentIds: string[] }
  | { everyone: true };

/** Dates 'yyyy-MM-dd', both included; an assignment counts when any of its days falls inside. */
export interface Period {
  from: string;
  to: string;
}

export async function loadCalendarAssignments(
  manager: EntityManager,
  scope: AssignmentScope,
  period?: Period,
): Promise<CalendarAssignment[]> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const bind = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  if ('assignmentId' in scope) conditions.push(`a.id = ${bind(scope.assignmentId)}`);
  if ('employeeId' in scope) conditions.push(`a.employee_id = ${bind(scope.employeeId)}`);
  if ('deskId' in scope) conditions.push(`a.desk_id = ${bind(scope.deskId)}`);
  if ('departmentIds' in scope) conditions.push(`e.department_id = ANY(${bind(scope.departmentIds)}::uuid[])`);
  if (period) conditions.push(`a.ends_on >= ${bind(period.from)}::date AND a.starts_on <= ${bind(period.to)}::date`);

  const rows: AssignmentRow[] = await manager.query(
    `SELECT a.id, a.employee_id, e.full_name AS employee_name, es.time_zone AS employee_time_zone,
            e.department_id, dep.name AS department_name,
            a.programme_id, p.name AS programme_name,
            coalesce((SELECT json_agg(json_build_object('name', st.name, 'amount', st.amount, 'unit', st.unit) ORDER BY st.position)
                        FROM programme_stages st WHERE st.programme_id = a.programme_id), '[]') AS stages,
            a.desk_id, d.name AS desk_name, ds.time_zone AS desk_time_zone, d.working_days,
            to_char(d.start_time, 'HH24:MI') AS start_time, to_char(d.end_time, 'HH24:MI') AS end_time,
            a.first_week, a.weeks,
            to_char(a.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(a.ends_on, 'YYYY-MM-DD') AS ends_on,
            a.status, a.status_reason, a.version, a.updated_at
       FROM assignments a
       JOIN employees e ON e.id = a.employee_id
       JOIN sites es ON es.id = e.site_id
       JOIN departments dep ON dep.id = e.department_id
       JOIN programmes p ON p.id = a.programme_id
       JOIN desks d ON d.id = a.desk_id
       JOIN sites ds ON ds.id = d.site_id
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY a.starts_on, lower(e.full_name), a.id`,
    parameters,
  );
  return rows.map(toCalendarAssignment);
}

interface AssignmentRow {
  id: string;
  employee_id: string;
  employee_name: string;
  employee_time_zone: string;
  department_id: string;
  department_name: string;
  programme_id: string;
  programme_name: string;
  stages: StagePlan[];
  desk_id: string;
  desk_name: string;
  desk_time_zone: string;
  working_days: number[];
  start_time: string;
  end_time: string;
  first_week: string;
  weeks: number;
  starts_on: string;
  ends_on: string;
  status: AssignmentStatus;
  status_reason: string | null;
  version: number;
  updated_at: Date;
}

function toCalendarAssignment(row: AssignmentRow): CalendarAssignment {
  return {
    id: row.id,
    employeeId: row.employee_id,
    employeeName: row.employee_name,
    employeeTimeZone: row.employee_time_zone,
    departmentId: row.department_id,
    departmentName: row.department_name,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    stages: row.stages,
    deskId: row.desk_id,
    deskName: row.desk_name,
    desk: { timeZone: row.desk_time_zone, workingDays: row.working_days, startTime: row.start_time, endTime: row.end_time },
    firstWeek: row.first_week,
    weeks: row.weeks,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    statusReason: row.status_reason,
    version: row.version,
    updatedAt: new Date(row.updated_at),
  };
}
