// Reads the people side of the planner's input: employees with their zone, absences, exemptions and rotation
// history, and the published assignments the planner must leave where they are.
import type { EntityManager } from 'typeorm';
import type { AssignmentBlock, IsoDate, PlannerPerson } from '../planner';

interface PersonRow {
  id: string;
  full_name: string;
  department_id: string;
  site_id: string;
  time_zone: string;
  hire_date: IsoDate;
  termination_date: IsoDate | null;
  absences: { from: IsoDate; to: IsoDate }[];
  exempt_programme_ids: string[];
  completed_programme_ids: string[];
  last_rotation_end: IsoDate | null;
}

/** Everyone still employed on `from`, with absences that reach into the horizon. */
export async function loadPlanningPeople(manager: EntityManager, from: IsoDate): Promise<PlannerPerson[]> {
  const rows: PersonRow[] = await manager.query(
    `SELECT e.id, e.full_name, e.department_id, e.site_id, s.time_zone,
            to_char(e.hire_date, 'YYYY-MM-DD') AS hire_date,
            to_char(e.termination_date, 'YYYY-MM-DD') AS termination_date,
            coalesce(a.absences, '[]') AS absences,
            coalesce(x.programme_ids, '{}') AS exempt_programme_ids,
            coalesce(c.programme_ids, '{}') AS completed_programme_ids,
            to_char(c.last_end, 'YYYY-MM-DD') AS last_rotation_end
       FROM employees e
       JOIN sites s ON s.id = e.site_id
       LEFT JOIN (SELECT employee_id,
                         json_agg(json_build_object('from', to_char(starts_on, 'YYYY-MM-DD'), 'to', to_char(ends_on, 'YYYY-MM-DD'))
                                  ORDER BY starts_on) AS absences
                    FROM absences WHERE ends_on >= $1 GROUP BY employee_id) a ON a.employee_id = e.id
       LEFT JOIN (SELECT employee_id, array_agg(programme_id) AS programme_ids
                    FROM programme_exemptions GROUP BY employee_id) x ON x.employee_id = e.id
       LEFT JOIN (SELECT employee_id, array_agg(DISTINCT programme_id) AS programme_ids, max(ends_on) AS last_end
                    FROM assignments
                   -- A rotation that has ended but awaits late logging or HR's decision still took place.
                   WHERE status = 'completed' OR (status = 'in-progress' AND ends_on < $1)
                   GROUP BY employee_id) c ON c.employee_id = e.id
      WHERE e.termination_date IS NULL OR e.termination_date >= $1
      ORDER BY e.id`,
    [from],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.full_name,
    departmentId: row.department_id,
    siteId: row.site_id,
    timeZone: row.time_zone,
    hireDate: row.hire_date,
    terminationDate: row.termination_date,
    absences: row.absences,
    exemptProgrammeIds: row.exempt_programme_ids,
    completedProgrammeIds: row.completed_programme_ids,
    lastRotationEnd: row.last_rotation_end,
  }));
}

export interface PublishedAssignment extends AssignmentBlock {
  id: string;
  status: 'scheduled' | 'in-progress';
}

/** Scheduled and in-progress assignments still running on or after `from`. */
export async function loadPublishedAssignments(manager: EntityManager, from: IsoDate): Promise<PublishedAssignment[]> {
  const rows: { id: string; employee_id: string; programme_id: string; desk_id: string; first_week: string; weeks: number; status: PublishedAssignment['status'] }[] =
    await manager.query(
      `SELECT id, employee_id, programme_id, desk_id, first_week, weeks, status
         FROM assignments WHERE status IN ('scheduled', 'in-progress') AND ends_on >= $1
        ORDER BY employee_id, first_week`,
      [from],
    );
  return rows.map((row) => ({
    id: row.id,
    personId: row.employee_id,
    programmeId: row.programme_id,
    deskId: row.desk_id,
    firstWeek: row.first_week,
    weeks: row.weeks,
    status: row.status,
  }));
}
