// Who from a head's departments is away on the front line this week: a rotation in progress, or scheduled, that
// covers any day of the week `today` falls in.
import type { EntityManager } from 'typeorm';
import type { AssignmentStatus } from '../schedule/assignment-status';
import type { IsoDate } from '../planner';
import { mondayOfWeek, sundayOfWeek, weekOfDate } from '../planner/weeks';
import { queryNamed } from './dashboard-sql';

export interface AwayOnRotation {
  employeeId: string;
  fullName: string;
  departmentName: string;
  programmeName: string;
  deskName: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  status: AssignmentStatus;
}

export async function findAwayOnRotation(manager: EntityManager, departmentIds: string[], today: IsoDate): Promise<AwayOnRotation[]> {
  const week = weekOfDate(today);
  return queryNamed<AwayOnRotation>(
    manager,
    `SELECT e.id AS "employeeId", e.full_name AS "fullName", d.name AS "departmentName", p.name AS "programmeName",
            dk.name AS "deskName", to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn", a.status
       FROM assignments a
       JOIN employees e ON e.id = a.employee_id
       JOIN departments d ON d.id = e.department_id
       JOIN programmes p ON p.id = a.programme_id
       JOIN desks dk ON dk.id = a.desk_id
      WHERE a.status IN ('scheduled', 'in-progress') AND a.starts_on <= :sunday::date AND a.ends_on >= :monday::date
        AND e.department_id = ANY(:departmentIds::uuid[])
      ORDER BY lower(d.name), lower(e.full_name), e.id, a.starts_on`,
    { departmentIds, monday: mondayOfWeek(week), sunday: sundayOfWeek(week) },
  );
}
