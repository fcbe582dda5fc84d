// Departments: creating, renaming, archiving, and who heads them. Heading a department is what gives someone
// the head role, so the roles follow the headships here.
import type { EntityManager } from 'typeorm';
import { recordAudit, recordAuditEntries, type AuditActor, type AuditEntry } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { rolesChangedEntry } from './employee-audit';
import { statusCondition } from './employee-status';
import { InvalidField, withUniqueFields } from '../http/invalid-fields';
import { roles as allRoles, type Role } from './roles';

export interface DepartmentHead {
  id: string;
  fullName: string;
  email: string;
}

export interface DepartmentSummary {
  id: string;
  name: string;
  archived: boolean;
  /** Active employees: hired already and not yet gone. */
  headcount: number;
  heads: DepartmentHead[];
}

export interface DepartmentOption {
  id: string;
  name: string;
  archived: boolean;
}

const summarySelect = `
  SELECT d.id, d.name, d.archived_at IS NOT NULL AS archived,
         (SELECT count(*)::int FROM employees e WHERE e.department_id = d.id AND ${statusCondition('active')}) AS headcount,
         coalesce((SELECT json_agg(json_build_object('id', e.id, 'fullName', e.full_name, 'email', e.email) ORDER BY lower(e.full_name))
                     FROM department_heads h JOIN employees e ON e.id = h.employee_id
                    WHERE h.department_id = d.id), '[]') AS heads
    FROM departments d`;

export function listDepartments(manager: EntityManager): Promise<DepartmentSummary[]> {
  return manager.query(`${summarySelect} ORDER BY d.archived_at IS NOT NULL, lower(d.name)`);
}

export async function findDepartment(manager: EntityManager, id: string): Promise<DepartmentSummary> {
  const [department]: DepartmentSummary[] = await manager.query(`${summarySelect} WHERE d.id = $1`, [id]);
  if (!department) throw new NotFound('There is no such department.');
  return department;
}

/**
 * Departments to choose from: the open ones, plus `keepId` (a person's current one) even if archived, or every
 * one with `includeArchived` (for filtering lists).
 */
export function departmentOptions(manager: EntityManager, choice: { keepId?: string; includeArchived?: boolean } = {}): Promise<DepartmentOption[]> {
  return manager.query(
    `SELECT id, name, archived_at IS NOT NULL AS archived FROM departments
      WHERE archived_at IS NULL OR id = $1 OR $2 ORDER BY lower(name)`,
    [choice.keepId ?? null, choice.includeArchived ?? false],
  );
}

const nameTaken = (name: string) => new InvalidField('name', `There is already a department called ${name}`);

export async function createDepartment(manager: EntityManager, actor: AuditActor, name: string): Promise<{ id: string }> {
  const [created]: { id: string }[] = await withUniqueFields(
    () => manager.query(`INSERT INTO departments (name) VALUES ($1) RETURNING id`, [name]),
    { departments_name_key: nameTaken(name) },
  );
  await recordAudit(manager, actor, { entityType: 'department', entityId: created.id, action: 'created', summary: `Created department ${name}`, after: { name } });
  return created;
}

async function lockDepartment(manager: EntityManager, id: string): Promise<{ id: string; name: string; archived: boolean }> {
  const [department] = await manager.query(`SELECT id, name, archived_at IS NOT NULL AS archived FROM departments WHERE id = $1 FOR UPDATE`, [id]);
  if (!department) throw new NotFound('There is no such department.');
  return department;
}

export async function renameDepartment(manager: EntityManager, actor: AuditActor, id: string, name: string): Promise<void> {
  const department = await lockDepartment(manager, id);
  if (department.name === name) return;
  await withUniqueFields(() => manager.query(`UPDATE departments SET name = $2 WHERE id = $1`, [id, name]), { departments_name_key: nameTaken(name) });
  await recordAudit(manager, actor, {
    entityType: 'department',
    entityId: id,
    action: 'renamed',
    summary: `Renamed department ${department.name} to ${name}`,
    before: { name: department.name },
    after: { name },
  });
}

export async function setDepartmentArchived(manager: EntityManager, actor: AuditActor, id: string, archived: boolean): Promise<void> {
  const department = await lockDepartment(manager, id);
  if (department.archived === archived) return;
  await manager.query(`UPDATE departments SET archived_at = ${archived ? 'now()' : 'NULL'} WHERE id = $1`, [id]);
  await recordAudit(manager, actor, {
    entityType: 'department',
    entityId: id,
    action: archived ? 'archived' : 'unarchived',
    summary: `${archived ? 'Archived' : 'Unarchived'} department ${department.name}`,
    before: { archived: department.archived },
    after: { archived },
  });
}

interface HeadCandidate extends DepartmentHead {
  roles: Role[];
  terminated: boolean;
}

const describeHead = (head: DepartmentHead) => `${head.fullName} <${head.email}>`;

/** Makes exactly these people (by work email) the department's heads, giving and taking the head role to match. */
export async function setDepartmentHeads(manager: EntityManager, actor: AuditActor, id: string, headEmails: string[]): Promise<void> {
  const department = await lockDepartment(manager, id);
  const current: DepartmentHead[] = (await findDepartment(manager, id)).heads;
  const wanted: HeadCandidate[] = await manager.query(
    `SELECT e.id, e.full_name AS "fullName", e.email, e.roles, ${statusCondition('terminated')} AS terminated
       FROM employees e WHERE e.email = ANY($1) ORDER BY lower(e.full_name) FOR UPDATE`,
    [headEmails],
  );
  const unknown = headEmails.filter((email) => !wanted.some((head) => head.email === email));
  if (unknown.length) throw new InvalidField('heads', `No employee has the work email ${unknown.join(', ')}`);
  const gone = wanted.filter((head) => head.terminated);
  if (gone.length) {
    throw new InvalidField('heads', `${gone.map((head) => head.fullName).join(', ')} no longer ${gone.length === 1 ? 'works' : 'work'} here`);
  }

  const added = wanted.filter((head) => !current.some((existing) => existing.id === head.id));
  const removed = current.filter((existing) => !wanted.some((head) => head.id === existing.id));
  if (!added.length && !removed.length) return;
  await manager.query(`DELETE FROM department_heads WHERE department_id = $1 AND employee_id = ANY($2)`, [id, removed.map((head) => head.id)]);
  await manager.query(`INSERT INTO department_heads (department_id, employee_id) SELECT $1, unnest($2::uuid[])`, [id, added.map((head) => head.id)]);

  const entries: AuditEntry[] = [
    {
      entityType: 'department',
      entityId: id,
      action: 'heads-changed',
      summary: `Changed the heads of ${department.name}`,
      before: { heads: current.map(describeHead) },
      after: { heads: wanted.map(describeHead) },
    },
  ];
  for (const head of added.filter((person) => !person.roles.includes('head'))) {
    entries.push(await changeRoles(manager, head, [...head.roles, 'head']));
  }
  const lostLastHeadship: { id: string; fullName: string; roles: Role[] }[] = await manager.query(
    `SELECT e.id, e.full_name AS "fullName", e.roles FROM employees e
      WHERE e.id = ANY($1) AND 'head' = ANY(e.roles) AND NOT EXISTS (SELECT 1 FROM department_heads h WHERE h.employee_id = e.id)
      FOR UPDATE`,
    [removed.map((head) => head.id)],
  );
  for (const head of lostLastHeadship) {
    entries.push(await changeRoles(manager, head, head.roles.filter((role) => role !== 'head')));
  }
  await recordAuditEntries(manager, actor, entries);
}

async function changeRoles(manager: EntityManager, employee: { id: string; fullName: string; roles: Role[] }, wanted: Role[]): Promise<AuditEntry> {
  const roles = allRoles.filter((role) => wanted.includes(role));
  // The version moves too, so an edit form opened before this change cannot quietly put the old roles back.
  await manager.query(`UPDATE employees SET roles = $2, version = version + 1, updated_at = now() WHERE id = $1`, [employee.id, roles]);
  return rolesChangedEntry(employee.id, employee.fullName, employee.roles, roles);
}
