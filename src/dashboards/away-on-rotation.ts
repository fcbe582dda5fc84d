// Who from a head's departments is away on the front line this week, as their dashboard shows it: how many, and the
// first of them by department and name. The drill-down (figure 'away') lists them all.
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../planner';
import { queryNamed } from './dashboard-sql';
import { figureSql, type FigureDetails } from './figure-sets';

const awayShownOnDashboard = 20;

export type AwayOnRotation = FigureDetails['away'] & {
  employeeId: string;
  fullName: string;
  departmentName: string;
};

export interface AwayThisWeek {
  count: number;
  first: AwayOnRotation[];
}

export async function findAwayThisWeek(manager: EntityManager, departmentIds: string[], today: IsoDate): Promise<AwayThisWeek> {
  const rows = await queryNamed<AwayOnRotation & { count: number }>(
    manager,
    `SELECT e.id AS "employeeId", e.full_name AS "fullName", d.name AS "departmentName",
            f."programmeName", f."deskName", f."startsOn", f."endsOn", f.status, count(*) OVER ()::int AS count
       FROM (${figureSql.away}) f
       JOIN employees e ON e.id = f.employee_id
       JOIN departments d ON d.id = f.department_id
      ORDER BY lower(d.name), lower(e.full_name), e.id
      LIMIT :shown`,
    { departmentIds, today, shown: awayShownOnDashboard },
  );
  return { count: rows[0]?.count ?? 0, first: rows.map(({ count: _count, ...person }) => person) };
}
