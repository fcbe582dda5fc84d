// Creating and changing employees, for the HR forms and any other feature that adds people. Every change is
// checked here (not only in the form), written with its audit entries, and guarded by the row's version.
import type { EntityManager } from 'typeorm';
import { recordAudit, recordAuditEntries, type AuditActor } from '../audit/audit-log';
import { Conflict, NotFound } from '../http/errors';
import { cancelFutureAssignments } from '../schedule/deactivation';
import { employeeChangeEntries, employeeCreatedEntry, type AuditedEmployee } from './employee-audit';
import { terminationBeforeHireMessage, terminationNotBeforeHire } from './employee-fields';
import { InvalidField, withUniqueFields } from '../http/invalid-fields';
import { roles as allRoles, type Role } from './roles';

export interface EmployeeFields {
  fullName: string;
  email: string;
  departmentId: string;
  siteId: string;
  jobTitle: string;
  /** ISO dates, e.g. 2026-03-01. */
  hireDate: string;
  terminationDate: string | null;
  roles: Role[];
}

export interface SavedEmployee {
  id: string;
  fullName: string;
  email: string;
  version: number;
}

interface LockedEmployee {
  id: string;
  version: number;
  fields: EmployeeFields;
  audited: AuditedEmployee;
}

const emailTaken = (email: string) => ({ employees_email_key: new InvalidField('email', `${email} already belongs to another employee`) });

/** Everyone is an employee; roles are kept in one order so comparing and showing them is stable. */
function normalised(fields: EmployeeFields): EmployeeFields {
  const roles = allRoles.filter((role) => role === 'employee' || fields.roles.includes(role));
  return { ...fields, fullName: fields.fullName.trim(), email: fields.email.trim().toLowerCase(), jobTitle: fields.jobTitle.trim(), roles };
}

function checkDates(fields: Pick<EmployeeFields, 'hireDate' | 'terminationDate'>): void {
  if (!terminationNotBeforeHire(fields)) throw new InvalidField('terminationDate', terminationBeforeHireMessage);
}

/** The names of the department and site, checking that a person may be placed there. */
async function placement(manager: EntityManager, fields: EmployeeFields, currentDepartmentId?: string): Promise<{ department: string; site: string }> {
  const [department]: { name: string; archived: boolean }[] = await manager.query(
    `SELECT name, archived_at IS NOT NULL AS archived FROM departments WHERE id = $1`,
    [fields.departmentId],
  );
  if (!department) throw new InvalidField('departmentId', 'Choose a department from the list');
  if (department.archived && fields.departmentId !== currentDepartmentId) {
    throw new InvalidField('departmentId', `${department.name} is archived: choose another department`);
  }
  const [site]: { name: string }[] = await manager.query(`SELECT name FROM sites WHERE id = $1`, [fields.siteId]);
  if (!site) throw new InvalidField('siteId', 'Choose a site from the list');
  return { department: department.name, site: site.name };
}

function audited(fields: EmployeeFields, names: { department: string; site: string }): AuditedEmployee {
  return {
    fullName: fields.fullName,
    email: fields.email,
    department: names.department,
    site: names.site,
    jobTitle: fields.jobTitle,
    hireDate: fields.hireDate,
    terminationDate: fields.terminationDate,
    roles: fields.roles,
  };
}

export async function createEmployee(manager: EntityManager, actor: AuditActor, fields: EmployeeFields): Promise<SavedEmployee> {
  const employee = normalised(fields);
  checkDates(employee);
  const names = await placement(manager, employee);
  const [created]: { id: string; version: number }[] = await withUniqueFields(
    () =>
      manager.query(
        `INSERT INTO employees (full_name, email, department_id, site_id, job_title, hire_date, termination_date, roles)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, version`,
        [employee.fullName, employee.email, employee.departmentId, employee.siteId, employee.jobTitle, employee.hireDate, employee.terminationDate, employee.roles],
      ),
    emailTaken(employee.email),
  );
  await recordAudit(manager, actor, employeeCreatedEntry(created.id, audited(employee, names)));
  return { id: created.id, fullName: employee.fullName, email: employee.email, version: created.version };
}

async function lockEmployee(manager: EntityManager, id: string, version: number): Promise<LockedEmployee> {
  const [row] = await manager.query(
    `SELECT e.version, e.full_name AS "fullName", e.email, e.department_id AS "departmentId", d.name AS department,
            e.site_id AS "siteId", s.name AS site, e.job_title AS "jobTitle", e.hire_date::text AS "hireDate",
            e.termination_date::text AS "terminationDate", e.roles
       FROM employees e JOIN departments d ON d.id = e.department_id JOIN sites s ON s.id = e.site_id
      WHERE e.id = $1 FOR UPDATE OF e`,
    [id],
  );
  if (!row) throw new NotFound('There is no such employee.');
  if (row.version !== version) {
    throw new Conflict(`Someone else changed ${row.fullName} after you opened this form. Open it again to see their changes, then make yours.`);
  }
  const fields: EmployeeFields = {
    fullName: row.fullName,
    email: row.email,
    departmentId: row.departmentId,
    siteId: row.siteId,
    jobTitle: row.jobTitle,
    hireDate: row.hireDate,
    terminationDate: row.terminationDate,
    roles: row.roles,
  };
  return { id, version, fields, audited: audited(fields, row) };
}

async function saveChange(manager: EntityManager, actor: AuditActor, current: LockedEmployee, fields: EmployeeFields, after: AuditedEmployee): Promise<SavedEmployee> {
  const entries = employeeChangeEntries(current.id, current.audited, after);
  if (!entries.length) return { id: current.id, fullName: after.fullName, email: after.email, version: current.version };
  const [[saved]]: [{ version: number }[], number] = await withUniqueFields(
    () =>
      manager.query(
        `UPDATE employees SET full_name = $2, email = $3, department_id = $4, site_id = $5, job_title = $6, hire_date = $7,
                termination_date = $8, roles = $9, version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version`,
        [current.id, fields.fullName, fields.email, fields.departmentId, fields.siteId, fields.jobTitle, fields.hireDate, fields.terminationDate, fields.roles],
      ),
    emailTaken(fields.email),
  );
  await recordAuditEntries(manager, actor, entries);
  if (fields.terminationDate && fields.terminationDate !== current.fields.terminationDate) {
    await cancelFutureAssignments(manager, actor, current.id, fields.terminationDate);
  }
  return { id: current.id, fullName: after.fullName, email: after.email, version: saved.version };
}

async function checkRoleChange(manager: EntityManager, actor: AuditActor, current: LockedEmployee, roles: Role[]): Promise<void> {
  if (actor.id === current.id && current.audited.roles.includes('hr') && !roles.includes('hr')) {
    throw new InvalidField('roles', 'You cannot take away your own HR role: ask another HR person');
  }
  if (roles.includes('head')) return;
  const headed: { name: string }[] = await manager.query(
    `SELECT d.name FROM department_heads h JOIN departments d ON d.id = h.department_id WHERE h.employee_id = $1 ORDER BY lower(d.name)`,
    [current.id],
  );
  if (headed.length) {
    throw new InvalidField(
      'roles',
      `${current.audited.fullName} heads ${headed.map((department) => department.name).join(', ')}: choose other heads on the Departments page first`,
    );
  }
}

/** Changes every field at once; `version` is the one the form was opened with, so a stale form is refused (409). */
export async function updateEmployee(manager: EntityManager, actor: AuditActor, id: string, version: number, fields: EmployeeFields): Promise<SavedEmployee> {
  const current = await lockEmployee(manager, id, version);
  const employee = normalised(fields);
  checkDates(employee);
  await checkRoleChange(manager, actor, current, employee.roles);
  const names = await placement(manager, employee, current.fields.departmentId);
  return saveChange(manager, actor, current, employee, audited(employee, names));
}

/** Deactivates (a last working day) or, with null, reactivates an employee. */
export async function setTermination(
  manager: EntityManager,
  actor: AuditActor,
  id: string,
  version: number,
  terminationDate: string | null,
): Promise<SavedEmployee> {
  const current = await lockEmployee(manager, id, version);
  const fields = { ...current.fields, terminationDate };
  checkDates(fields);
  return saveChange(manager, actor, current, fields, { ...current.audited, terminationDate });
}
