// The HR employee list, filtered as on the page, in the import's columns, read in keyset chunks so 100,000 people
// never sit in memory at once.
import type { EntityManager } from 'typeorm';
import { employeeListQuery, type EmployeeListFilters, type EmployeeListRow } from '../people/employee-list';
import { roles as allRoles, type Role } from '../people/roles';
import { importColumnKeys, type ImportColumnKey } from '../people-import/import-columns';

const chunkSize = 5000;

type ExportedEmployee = EmployeeListRow & { roles: Role[] };

/** One CSV record per person, in the columns the import reads, so an export re-imports as unchanged. */
function exportRecord(employee: ExportedEmployee): string[] {
  const values: Record<ImportColumnKey, string> = {
    fullName: employee.fullName,
    email: employee.email,
    department: employee.departmentName,
    site: employee.siteName,
    jobTitle: employee.jobTitle,
    hireDate: employee.hireDate,
    terminationDate: employee.terminationDate ?? '',
    roles: allRoles.filter((role) => employee.roles.includes(role)).join(';'),
  };
  return importColumnKeys.map((key) => values[key]);
}

/** In email order: unique and indexed, so each chunk starts where the last ended without counting rows. */
export async function eachExportChunk(manager: EntityManager, filters: EmployeeListFilters, handle: (records: string[][]) => Promise<void>): Promise<void> {
  let lastEmail: string | undefined;
  for (;;) {
    const query = employeeListQuery(manager, filters).addSelect('e.roles', 'roles').orderBy('e.email', 'ASC').limit(chunkSize);
    if (lastEmail !== undefined) query.andWhere('e.email > :exportAfterEmail', { exportAfterEmail: lastEmail });
    const employees: ExportedEmployee[] = await query.getRawMany();
    if (employees.length) await handle(employees.map(exportRecord));
    if (employees.length < chunkSize) return;
    lastEmail = employees[employees.length - 1].email;
  }
}
