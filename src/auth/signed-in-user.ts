import type { DataSource } from 'typeorm';
import type { Role } from '../people/roles';

/** Who is signed in, as every request sees it. */
export interface SignedInUser {
  id: string;
  fullName: string;
  email: string;
  roles: Role[];
  /** The departments this person heads. */
  headedDepartmentIds: string[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SignedInUser {}
  }
}

interface SignedInUserRow {
  id: string;
  full_name: string;
  email: string;
  roles: Role[];
  headed_department_ids: string[];
}

const activeEmployeeCondition = `(e.termination_date IS NULL OR e.termination_date >= current_date)`;

/** One query a request: the person, if still active, with the departments they head. */
export async function loadSignedInUser(dataSource: DataSource, id: string): Promise<SignedInUser | null> {
  const rows: SignedInUserRow[] = await dataSource.query(
    `SELECT e.id, e.full_name, e.email, e.roles,
            array(SELECT h.department_id FROM department_heads h WHERE h.employee_id = e.id) AS headed_department_ids
       FROM employees e
      WHERE e.id = $1 AND ${activeEmployeeCondition}`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    roles: row.roles,
    headedDepartmentIds: row.headed_department_ids,
  };
}

export async function findActiveAccountByEmail(
  dataSource: DataSource,
  email: string,
): Promise<{ id: string; passwordHash: string | null } | null> {
  const rows: { id: string; password_hash: string | null }[] = await dataSource.query(
    `SELECT e.id, e.password_hash FROM employees e WHERE e.email = $1 AND ${activeEmployeeCondition}`,
    [email.trim().toLowerCase()],
  );
  return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : null;
}
