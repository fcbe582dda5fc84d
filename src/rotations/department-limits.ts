// Each department's limits: the share of its active people on rotation at once, and its blackout weeks.
import { type EntityManager, In, IsNull } from 'typeorm';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { Department } from '../people/department.entity';
import type { IsoDate } from '../planner';
import { departmentLimit } from '../planner/rotation-ledger';
import { activeHeadcounts } from './department-headcount';
import { DepartmentBlackoutWeek } from './department-blackout-week.entity';
import { isId } from '../http/id-param';

export interface DepartmentLimits {
  id: string;
  name: string;
  archived: boolean;
  activeHeadcount: number;
  maxSharePercent: number;
  /** How many of its people may be on rotation in one week, as the planner computes it. */
  weeklyLimit: number;
  blackoutWeeks: { week: string; note: string | null }[];
}

/** Every active department's limits, by name. */
export async function listDepartmentLimits(manager: EntityManager, today: IsoDate): Promise<DepartmentLimits[]> {
  const departments = await manager.find(Department, { where: { archivedAt: IsNull() }, order: { name: 'ASC' } });
  return describeLimits(manager, departments, today);
}

export async function findDepartmentLimits(manager: EntityManager, id: string, today: IsoDate): Promise<DepartmentLimits> {
  const [limits] = await describeLimits(manager, [await findDepartment(manager, id)], today);
  return limits;
}

export async function setMaxSharePercent(manager: EntityManager, actor: AuditActor, id: string, maxSharePercent: number): Promise<void> {
  const department = await findDepartment(manager, id);
  if (department.maxSharePercent === maxSharePercent) return;
  await manager.update(Department, { id }, { maxSharePercent });
  await recordAudit(manager, actor, {
    entityType: 'department',
    entityId: id,
    action: 'limit-changed',
    summary: `At most ${maxSharePercent}% of ${department.name} on rotation in a week (was ${department.maxSharePercent}%)`,
    before: { maxSharePercent: department.maxSharePercent },
    after: { maxSharePercent },
  });
}

/** Blacks out each of the weeks, replacing the note of any week already blacked out. */
export async function addBlackoutWeeks(manager: EntityManager, actor: AuditActor, id: string, weeks: string[], note: string | null): Promise<void> {
  const department = await findDepartment(manager, id);
  await manager.upsert(
    DepartmentBlackoutWeek,
    weeks.map((week) => ({ departmentId: id, week, note })),
    ['departmentId', 'week'],
  );
  const span = weeks.length === 1 ? weeks[0] : `${weeks[0]} to ${weeks[weeks.length - 1]}`;
  await recordAudit(manager, actor, {
    entityType: 'department',
    entityId: id,
    action: 'blackout-added',
    summary: `Nobody from ${department.name} goes on rotation in ${span}${note ? `: ${note}` : ''}`,
    after: { weeks, note },
  });
}

export async function removeBlackoutWeek(manager: EntityManager, actor: AuditActor, id: string, week: string): Promise<void> {
  const department = await findDepartment(manager, id);
  const blackout = await manager.findOneBy(DepartmentBlackoutWeek, { departmentId: id, week });
  if (!blackout) throw new NotFound(`${week} is not a blackout week of ${department.name}.`);
  await manager.delete(DepartmentBlackoutWeek, { departmentId: id, week });
  await recordAudit(manager, actor, {
    entityType: 'department',
    entityId: id,
    action: 'blackout-removed',
    summary: `${department.name} may go on rotation again in ${week}`,
    before: { week, note: blackout.note },
  });
}

async function findDepartment(manager: EntityManager, id: string): Promise<Department> {
  const department = isId(id) ? await manager.findOneBy(Department, { id }) : null;
  if (!department) throw new NotFound('There is no such department.');
  return department;
}

async function describeLimits(manager: EntityManager, departments: Department[], today: IsoDate): Promise<DepartmentLimits[]> {
  const headcounts = await activeHeadcounts(manager, today);
  const blackouts = await manager.find(DepartmentBlackoutWeek, { where: { departmentId: In(departments.map((department) => department.id)) }, order: { week: 'ASC' } });
  return departments.map((department) => {
    const activeHeadcount = headcounts.get(department.id) ?? 0;
    return {
      id: department.id,
      name: department.name,
      archived: department.archivedAt !== null,
      activeHeadcount,
      maxSharePercent: department.maxSharePercent,
      weeklyLimit: departmentLimit(department.maxSharePercent, activeHeadcount),
      blackoutWeeks: blackouts.filter((blackout) => blackout.departmentId === department.id).map(({ week, note }) => ({ week, note })),
    };
  });
}
