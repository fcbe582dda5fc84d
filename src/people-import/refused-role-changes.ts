// The HR form's rules on roles hold for imports too: nobody takes away their own HR role, and a department's head
// keeps the head role until the department has other heads.
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit-log';
import type { Role } from '../people/roles';
import type { PlannedUpdate } from './employee-upserts';
import type { RowProblem } from './import-row';

export async function refusedRoleChanges(manager: EntityManager, updates: PlannedUpdate[], actor: AuditActor, rolesColumn: string): Promise<RowProblem[]> {
  const losing = (role: Role) => updates.filter((update) => update.before.roles.includes(role) && !update.after.roles.includes(role));
  const problems: RowProblem[] = losing('hr')
    .filter((update) => update.id === actor.id)
    .map((update) => ({ line: update.line, column: rolesColumn, message: 'You cannot take away your own HR role: ask another HR person' }));
  const losingHead = losing('head');
  if (losingHead.length) {
    const headed: { id: string; departments: string }[] = await manager.query(
      `SELECT h.employee_id AS id, string_agg(d.name, ', ' ORDER BY lower(d.name)) AS departments
         FROM department_heads h JOIN departments d ON d.id = h.department_id
        WHERE h.employee_id = ANY($1::uuid[])
        GROUP BY h.employee_id`,
      [losingHead.map((update) => update.id)],
    );
    const departmentsHeadedBy = new Map(headed.map((head) => [head.id, head.departments]));
    for (const update of losingHead) {
      const departments = departmentsHeadedBy.get(update.id);
      if (departments) {
        problems.push({
          line: update.line,
          column: rolesColumn,
          message: `${update.before.fullName} heads ${departments}: choose other heads on the Departments page first`,
        });
      }
    }
  }
  return problems;
}
