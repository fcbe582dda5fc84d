import type { DataSource } from 'typeorm';
import { demoDomain, demoPassword } from './organisation';

export interface DemoSignIn {
  email: string;
  password: string;
  description: string;
}

/** The seeded accounts worth showing, if this database holds the demo organisation. */
export async function findDemoSignIns(dataSource: DataSource): Promise<DemoSignIn[]> {
  const rows: { email: string; roles: string[]; department: string }[] = await dataSource.query(
    `SELECT e.email, e.roles, d.name AS department
       FROM employees e JOIN departments d ON d.id = e.department_id
      WHERE e.email IN ($1, $2) OR e.email LIKE $3
      ORDER BY 'hr' = ANY (e.roles) DESC, 'head' = ANY (e.roles) DESC, d.name`,
    [`hr@${demoDomain}`, `employee@${demoDomain}`, `head.%@${demoDomain}`],
  );
  return rows.map((row) => ({
    email: row.email,
    password: demoPassword,
    description: row.roles.includes('hr')
      ? 'HR: administers the programme'
      : row.roles.includes('head')
        ? `Head of ${row.department}`
        : `Employee in ${row.department}`,
  }));
}
