// Which departments a dashboard covers: HR sees every department, a head the departments they head; either may
// narrow it to one with ?department=, and a head naming a department they do not head is refused.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Forbidden, NotFound } from '../http/errors';
import { activeOnToday, queryNamed } from './dashboard-sql';
import type { IsoDate } from '../planner';

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface DashboardScope {
  /** The departments one may narrow the dashboard to, by name. */
  choices: DepartmentRef[];
  /** The departments the figures are given for: every choice, or the one selected. */
  departments: DepartmentRef[];
  /** The one department asked for, if any (then `departments` holds only it). */
  selected: DepartmentRef | null;
  /** Where this dashboard lives, for its links: /hr/dashboard or /head/dashboard. */
  basePath: string;
  /** What the total row is called. */
  totalLabel: string;
}

const departmentQuery = z.object({
  department: z.preprocess((value) => (value === '' ? undefined : value), z.guid().optional()),
});

/** The department named in the address; a malformed one is a page that does not exist. */
function selectedDepartmentId(query: unknown): string | null {
  const parsed = departmentQuery.safeParse(query ?? {});
  if (!parsed.success) throw new NotFound('There is no such department.');
  return parsed.data.department ?? null;
}

function narrowed(choices: DepartmentRef[], selectedId: string | null, place: Pick<DashboardScope, 'basePath' | 'totalLabel'>): DashboardScope {
  if (selectedId === null) return { choices, departments: choices, selected: null, ...place };
  const selected = choices.find((department) => department.id === selectedId);
  if (!selected) throw new NotFound('There is no such department.');
  return { choices, departments: [selected], selected, ...place };
}

/** Every department still in use: archived ones drop out once nobody active belongs to them. */
export async function hrScope(manager: EntityManager, query: unknown, today: IsoDate): Promise<DashboardScope> {
  const selectedId = selectedDepartmentId(query);
  const departments = await queryNamed<DepartmentRef>(
    manager,
    `SELECT d.id, d.name FROM departments d
      WHERE CASE WHEN d.archived_at IS NULL THEN true
                 -- CASE, not OR: with OR PostgreSQL hashes every employee to answer for the few archived departments.
                 ELSE EXISTS (SELECT 1 FROM employees e WHERE e.department_id = d.id AND ${activeOnToday()}) END
      ORDER BY lower(d.name), d.id`,
    { today },
  );
  return narrowed(departments, selectedId, { basePath: '/hr/dashboard', totalLabel: 'All departments' });
}

export async function headScope(manager: EntityManager, query: unknown, headedDepartmentIds: string[]): Promise<DashboardScope> {
  const selectedId = selectedDepartmentId(query);
  if (selectedId !== null && !headedDepartmentIds.includes(selectedId)) throw new Forbidden('You can see the figures of the departments you head only.');
  const departments = await queryNamed<DepartmentRef>(
    manager,
    `SELECT d.id, d.name FROM departments d WHERE d.id = ANY(:headed::uuid[]) ORDER BY lower(d.name), d.id`,
    { headed: headedDepartmentIds },
  );
  return narrowed(departments, selectedId, { basePath: '/head/dashboard', totalLabel: 'All my departments' });
}
