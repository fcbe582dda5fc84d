// Whose insights a learnings page covers: HR's pages every department's, a head's the departments they head. Either
// may narrow a page to one department with ?department=; a head naming one they do not head is refused.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { SignedInUser } from '../auth/signed-in-user';
import { Forbidden, NotFound } from '../http/errors';

export type LearningsAudience = 'hr' | 'head';

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface LearningsScope {
  audience: LearningsAudience;
  /** Where these pages live: /hr/learnings or /head/learnings. */
  basePath: string;
  viewer: SignedInUser;
  /** The departments one may narrow the pages to. */
  choices: DepartmentRef[];
  /** The one department asked for, if any. */
  selected: DepartmentRef | null;
  /** The departments whose insights are shown; null for every department (HR, none selected). */
  departmentIds: string[] | null;
}

export const learningsBasePaths: Record<LearningsAudience, string> = { hr: '/hr/learnings', head: '/head/learnings' };

const departmentQuery = z.object({ department: z.preprocess((value) => (value === '' ? undefined : value), z.guid().optional()) });

/** The department named in the address; a malformed one is a page that does not exist. */
function selectedDepartmentId(query: unknown): string | null {
  const parsed = departmentQuery.safeParse(query ?? {});
  if (!parsed.success) throw new NotFound('There is no such department.');
  return parsed.data.department ?? null;
}

/** The scope of a learnings page, from the signed-in person and the address's ?department=. */
export async function learningsScope(manager: EntityManager, audience: LearningsAudience, viewer: SignedInUser, query: unknown = {}): Promise<LearningsScope> {
  const selectedId = selectedDepartmentId(query);
  if (audience === 'head' && selectedId !== null && !viewer.headedDepartmentIds.includes(selectedId)) {
    throw new Forbidden('You can see the insights of the departments you head only.');
  }
  const choices: DepartmentRef[] = await manager.query(
    `SELECT d.id, d.name FROM departments d
      WHERE ($1::uuid[] IS NULL AND (d.archived_at IS NULL OR EXISTS (SELECT 1 FROM insight_departments x WHERE x.department_id = d.id)))
         OR d.id = ANY($1::uuid[])
      ORDER BY lower(d.name), d.id`,
    [audience === 'head' ? viewer.headedDepartmentIds : null],
  );
  const selected = selectedId === null ? null : (choices.find((department) => department.id === selectedId) ?? null);
  if (selectedId !== null && !selected) throw new NotFound('There is no such department.');
  const departmentIds = selected ? [selected.id] : audience === 'head' ? choices.map((department) => department.id) : null;
  return { audience, basePath: learningsBasePaths[audience], viewer, choices, selected, departmentIds };
}

/**
 * SQL: the insight aliased `alias` is routed to one of `departmentIds` (passed as :departmentIds); TRUE for every
 * department. Written out only when it restricts, so the planner may walk an order's index. It reads the routing's
 * copy on the insight, which the search's index also holds, so that words and departments are matched together.
 */
export function routedWithin(alias: string, departmentIds: string[] | null): string {
  if (departmentIds === null) return 'TRUE';
  return `${alias}.routed_department_ids && :departmentIds::uuid[]`;
}
