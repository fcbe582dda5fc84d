// What the audit log says about a change to an employee: plain fields, roles, and the start or end of employment
// are separate entries, so HR can filter the log by what happened.
import { changedFields, type AuditEntry } from '../audit/audit-log';
import type { Role } from './roles';

/** An employee as the audit log shows them: names rather than ids, so old entries stay readable. */
export interface AuditedEmployee {
  fullName: string;
  email: string;
  department: string;
  site: string;
  jobTitle: string;
  hireDate: string;
  terminationDate: string | null;
  roles: Role[];
}

export const employeeFieldLabels: Record<keyof AuditedEmployee, string> = {
  fullName: 'name',
  email: 'email',
  department: 'department',
  site: 'site',
  jobTitle: 'job title',
  hireDate: 'hire date',
  terminationDate: 'termination date',
  roles: 'roles',
};

export function employeeCreatedEntry(id: string, after: AuditedEmployee): AuditEntry {
  return { entityType: 'employee', entityId: id, action: 'created', summary: `Created ${after.fullName}`, after };
}

export function rolesChangedEntry(id: string, fullName: string, before: Role[], after: Role[]): AuditEntry {
  return {
    entityType: 'employee',
    entityId: id,
    action: 'roles-changed',
    summary: `Changed the roles of ${fullName} to ${after.join(', ')}`,
    before: { roles: before },
    after: { roles: after },
  };
}

function pick(employee: AuditedEmployee, keys: (keyof AuditedEmployee)[]): Partial<AuditedEmployee> {
  return Object.fromEntries(keys.map((key) => [key, employee[key]]));
}

export function employeeChangeEntries(id: string, before: AuditedEmployee, after: AuditedEmployee): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const ending = !before.terminationDate && after.terminationDate;
  const resuming = before.terminationDate && !after.terminationDate;
  // Moving an existing last day is an ordinary update; starting or ending employment gets its own entry.
  const plainKeys = (Object.keys(employeeFieldLabels) as (keyof AuditedEmployee)[]).filter(
    (key) => key !== 'roles' && (key !== 'terminationDate' || !(ending || resuming)),
  );
  const plain = changedFields(pick(before, plainKeys), pick(after, plainKeys));
  if (plain) {
    const labels = Object.keys(plain.after).map((key) => employeeFieldLabels[key as keyof AuditedEmployee]);
    entries.push({ entityType: 'employee', entityId: id, action: 'updated', summary: `Updated ${after.fullName}: ${labels.join(', ')}`, ...plain });
  }
  if (ending) {
    entries.push({
      entityType: 'employee',
      entityId: id,
      action: 'deactivated',
      summary: `Deactivated ${after.fullName}, last working day ${after.terminationDate}`,
      before: { terminationDate: null },
      after: { terminationDate: after.terminationDate },
    });
  }
  if (resuming) {
    entries.push({
      entityType: 'employee',
      entityId: id,
      action: 'reactivated',
      summary: `Reactivated ${after.fullName}`,
      before: { terminationDate: before.terminationDate },
      after: { terminationDate: null },
    });
  }
  if (changedFields({ roles: before.roles }, { roles: after.roles })) entries.push(rolesChangedEntry(id, after.fullName, before.roles, after.roles));
  return entries;
}
