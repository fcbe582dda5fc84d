// What the profile page shows about one person. Later features (rotations, shifts, insights) add their parts here.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { statusExpression, type EmployeeStatus } from './employee-status';
import type { Role } from './roles';

export interface EmployeeProfile {
  id: string;
  fullName: string;
  email: string;
  jobTitle: string;
  hireDate: string;
  terminationDate: string | null;
  status: EmployeeStatus;
  roles: Role[];
  /** For forms that change this person: the version they were opened with. */
  version: number;
  department: { id: string; name: string; archived: boolean };
  site: { id: string; name: string; timeZone: string; countryCode: string };
  /** The departments this person heads. */
  heads: { id: string; name: string }[];
}

export async function employeeProfile(manager: EntityManager, id: string): Promise<EmployeeProfile> {
  const [profile]: EmployeeProfile[] = await manager.query(
    `SELECT e.id, e.full_name AS "fullName", e.email, e.job_title AS "jobTitle", e.hire_date::text AS "hireDate",
            e.termination_date::text AS "terminationDate", ${statusExpression('e')} AS status, e.roles, e.version,
            json_build_object('id', d.id, 'name', d.name, 'archived', d.archived_at IS NOT NULL) AS department,
            json_build_object('id', s.id, 'name', s.name, 'timeZone', s.time_zone, 'countryCode', s.country_code) AS site,
            coalesce((SELECT json_agg(json_build_object('id', hd.id, 'name', hd.name) ORDER BY lower(hd.name))
                        FROM department_heads h JOIN departments hd ON hd.id = h.department_id
                       WHERE h.employee_id = e.id), '[]') AS heads
       FROM employees e JOIN departments d ON d.id = e.department_id JOIN sites s ON s.id = e.site_id
      WHERE e.id = $1`,
    [id],
  );
  if (!profile) throw new NotFound('There is no such employee.');
  return profile;
}
