// Upsert by email: which imported rows create people, which change known people, which change nothing; and the
// bulk statements that write them (a few dozen statements for 100,000 rows, not one per row).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { changedFields, type AuditEntry } from '../audit/audit-log';
import { bulkInsert } from '../db/bulk-insert';
import { employeeFieldLabels, type AuditedEmployee } from '../people/employee-audit';
import { roles as allRoles, type Role } from '../people/roles';
import type { ImportRow } from './import-row';
import type { OrganisationNames } from './organisation-names';

/** An employee as a file describes them: departments and sites by name, as the audit log shows them too. */
export type EmployeeSnapshot = AuditedEmployee;

interface CurrentEmployee extends EmployeeSnapshot {
  id: string;
}

export interface PlannedCreation {
  id: string;
  line: number;
  after: EmployeeSnapshot;
}

export interface PlannedUpdate {
  id: string;
  line: number;
  before: EmployeeSnapshot;
  after: EmployeeSnapshot;
}

export interface EmployeeUpserts {
  creations: PlannedCreation[];
  updates: PlannedUpdate[];
  unchanged: number;
}

/** Which columns the file has: without one, known people keep their value. */
export interface ImportedColumns {
  hasTerminationDateColumn: boolean;
  hasRolesColumn: boolean;
}

const chunkSize = 5000;

const inRoleOrder = (given: readonly Role[]): Role[] => allRoles.filter((role) => given.includes(role));

export async function currentEmployeesByEmail(manager: EntityManager, emails: string[]): Promise<Map<string, CurrentEmployee>> {
  const found = new Map<string, CurrentEmployee>();
  for (let start = 0; start < emails.length; start += chunkSize) {
    const employees: CurrentEmployee[] = await manager.query(
      `SELECT e.id, e.full_name AS "fullName", e.email, d.name AS department, s.name AS site, e.job_title AS "jobTitle",
              e.hire_date::text AS "hireDate", e.termination_date::text AS "terminationDate", e.roles
         FROM employees e
         JOIN departments d ON d.id = e.department_id
         JOIN sites s ON s.id = e.site_id
        WHERE e.email = ANY($1::text[])`,
      [emails.slice(start, start + chunkSize)],
    );
    for (const employee of employees) found.set(employee.email, { ...employee, roles: inRoleOrder(employee.roles) });
  }
  return found;
}

/** Rows must name departments and sites as Frontline spells them (see matchOrganisation). */
export function planEmployeeUpserts(rows: ImportRow[], current: Map<string, CurrentEmployee>, columns: ImportedColumns): EmployeeUpserts {
  const plan: EmployeeUpserts = { creations: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const known = current.get(row.email);
    const after: EmployeeSnapshot = {
      fullName: row.fullName,
      email: row.email,
      department: row.department,
      site: row.site,
      jobTitle: row.jobTitle,
      hireDate: row.hireDate,
      terminationDate: known && !columns.hasTerminationDateColumn ? known.terminationDate : row.terminationDate,
      roles: known && !columns.hasRolesColumn ? known.roles : inRoleOrder(row.roles),
    };
    if (!known) {
      plan.creations.push({ id: randomUUID(), line: row.line, after });
      continue;
    }
    const { id, ...before } = known;
    if (changedFields(before, after)) plan.updates.push({ id, line: row.line, before, after });
    else plan.unchanged++;
  }
  return plan;
}

export async function writeEmployeeUpserts(
  manager: EntityManager,
  plan: EmployeeUpserts,
  names: OrganisationNames,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  const departmentId = (name: string) => names.departments.get(name.toLowerCase())!.id;
  const siteId = (name: string) => names.sites.get(name.toLowerCase())!.id;
  await bulkInsert(
    manager,
    'employees',
    [
      { name: 'id', type: 'uuid' },
      { name: 'full_name', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'department_id', type: 'uuid' },
      { name: 'site_id', type: 'uuid' },
      { name: 'job_title', type: 'text' },
      { name: 'hire_date', type: 'date' },
      { name: 'termination_date', type: 'date' },
      { name: 'roles', type: 'text', convert: (value) => `string_to_array(${value}, ',')` },
    ],
    plan.creations.map(({ id, after }) => [
      id,
      after.fullName,
      after.email,
      departmentId(after.department),
      siteId(after.site),
      after.jobTitle,
      after.hireDate,
      after.terminationDate,
      after.roles.join(','),
    ]),
    onProgress,
    chunkSize,
  );
  for (let start = 0; start < plan.updates.length; start += chunkSize) {
    const chunk = plan.updates.slice(start, start + chunkSize);
    await manager.query(
      `UPDATE employees e
          SET full_name = u.full_name, department_id = u.department_id, site_id = u.site_id, job_title = u.job_title,
              hire_date = u.hire_date, termination_date = u.termination_date, roles = string_to_array(u.roles, ','),
              version = e.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::date[], $8::text[])
              AS u(id, full_name, department_id, site_id, job_title, hire_date, termination_date, roles)
        WHERE e.id = u.id`,
      [
        chunk.map((update) => update.id),
        chunk.map((update) => update.after.fullName),
        chunk.map((update) => departmentId(update.after.department)),
        chunk.map((update) => siteId(update.after.site)),
        chunk.map((update) => update.after.jobTitle),
        chunk.map((update) => update.after.hireDate),
        chunk.map((update) => update.after.terminationDate),
        chunk.map((update) => update.after.roles.join(',')),
      ],
    );
    onProgress?.(plan.creations.length + start + chunk.length);
  }
}


export function auditEntriesFor(plan: EmployeeUpserts, fileName: string): AuditEntry[] {
  return [
    ...plan.creations.map(({ id, after }) => ({
      entityType: 'employee' as const,
      entityId: id,
      action: 'imported-created',
      summary: `Created ${after.fullName} (${after.email}) from ${fileName}`,
      after,
    })),
    ...plan.updates.map(({ id, before, after }) => {
      const changes = changedFields(before, after)!;
      return {
        entityType: 'employee' as const,
        entityId: id,
        action: 'imported-updated',
        summary: `Updated ${(Object.keys(changes.after) as (keyof EmployeeSnapshot)[]).map((field) => employeeFieldLabels[field]).join(', ')} of ${after.fullName} (${after.email}) from ${fileName}`,
        before: changes.before,
        after: changes.after,
      };
    }),
  ];
}
