// Support desks: what HR creates and changes, each change audited in the caller's transaction.
import { type EntityManager, In, QueryFailedError } from 'typeorm';
import { type AuditActor, changedFields, recordAudit } from '../audit/audit-log';
import { NotFound, RuleViolation } from '../http/errors';
import { Site } from '../people/site.entity';
import { DeskCapacityOverride } from './desk-capacity-override.entity';
import type { DeskFields } from './desk-form';
import { Desk } from './desk.entity';
import { InvalidFields } from '../http/invalid-fields';
import { isId } from '../http/id-param';
import { isNameTaken } from './unique-name';

/** Every desk with its site and the sites it hosts, active ones first, by name. */
export async function listDesks(manager: EntityManager): Promise<Desk[]> {
  const desks = await manager.find(Desk, { relations: { site: true, hostableSites: true, capacityOverrides: true }, order: { name: 'ASC' } });
  for (const desk of desks) sortDeskLists(desk);
  return desks.sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null));
}

export async function findDesk(manager: EntityManager, id: string): Promise<Desk> {
  const desk = isId(id)
    ? await manager.findOne(Desk, { where: { id }, relations: { site: true, hostableSites: true, capacityOverrides: true } })
    : null;
  if (!desk) throw new NotFound('There is no such desk.');
  return sortDeskLists(desk);
}

export async function createDesk(manager: EntityManager, actor: AuditActor, fields: DeskFields): Promise<Desk> {
  await checkDeskFields(manager, fields);
  const desk = await manager.save(Desk, manager.create(Desk, { ...deskColumns(fields), hostableSites: fields.hostableSiteIds.map((id) => ({ id })) }));
  await recordAudit(manager, actor, { entityType: 'desk', entityId: desk.id, action: 'created', summary: `Created desk ${desk.name}`, after: fields });
  return desk;
}

export async function updateDesk(manager: EntityManager, actor: AuditActor, id: string, fields: DeskFields): Promise<void> {
  const desk = await findDesk(manager, id);
  await checkDeskFields(manager, fields, id);
  const changes = changedFields(deskFieldsOf(desk), fields);
  if (!changes) return;
  await manager.save(Desk, manager.create(Desk, { id, ...deskColumns(fields), hostableSites: fields.hostableSiteIds.map((siteId) => ({ id: siteId })) }));
  await recordAudit(manager, actor, { entityType: 'desk', entityId: id, action: 'updated', summary: `Changed desk ${fields.name}`, ...changes });
}

/** Sets the desk's capacity in each of the weeks, replacing any capacity set for them before. */
export async function setCapacityOverrides(manager: EntityManager, actor: AuditActor, id: string, weeks: string[], capacity: number): Promise<void> {
  const desk = await findDesk(manager, id);
  await manager.upsert(
    DeskCapacityOverride,
    weeks.map((week) => ({ deskId: id, week, capacity })),
    ['deskId', 'week'],
  );
  const span = weeks.length === 1 ? weeks[0] : `${weeks[0]} to ${weeks[weeks.length - 1]}`;
  await recordAudit(manager, actor, {
    entityType: 'desk',
    entityId: id,
    action: 'capacity-overridden',
    summary: `Set ${desk.name}’s capacity to ${capacity} in ${span}`,
    after: { weeks, capacity },
  });
}

export async function removeCapacityOverride(manager: EntityManager, actor: AuditActor, id: string, week: string): Promise<void> {
  const desk = await findDesk(manager, id);
  const override = desk.capacityOverrides.find((candidate) => candidate.week === week);
  if (!override) throw new NotFound(`${desk.name} has no capacity set for ${week}.`);
  await manager.delete(DeskCapacityOverride, { deskId: id, week });
  await recordAudit(manager, actor, {
    entityType: 'desk',
    entityId: id,
    action: 'override-removed',
    summary: `${desk.name} takes its weekly capacity again in ${week}`,
    before: { week, capacity: override.capacity },
  });
}

export async function archiveDesk(manager: EntityManager, actor: AuditActor, id: string): Promise<void> {
  const desk = await findDesk(manager, id);
  if (desk.archivedAt) return;
  await manager.update(Desk, { id }, { archivedAt: new Date() });
  await recordAudit(manager, actor, { entityType: 'desk', entityId: id, action: 'archived', summary: `Archived desk ${desk.name}: the planner no longer uses it` });
}

export async function restoreDesk(manager: EntityManager, actor: AuditActor, id: string): Promise<void> {
  const desk = await findDesk(manager, id);
  if (!desk.archivedAt) return;
  await manager.update(Desk, { id }, { archivedAt: null });
  await recordAudit(manager, actor, { entityType: 'desk', entityId: id, action: 'restored', summary: `Restored desk ${desk.name}` });
}

/** Deletes a desk nothing refers to; a desk that plans or assignments name can only be archived. */
export async function deleteDesk(manager: EntityManager, actor: AuditActor, id: string): Promise<void> {
  const desk = await findDesk(manager, id);
  try {
    await manager.delete(Desk, { id });
  } catch (error) {
    // The database knows every table that refers to a desk, including those later features add.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') {
      throw new RuleViolation(`${desk.name} has been used in plans or assignments, so it cannot be deleted. Archive it instead.`);
    }
    throw error;
  }
  await recordAudit(manager, actor, { entityType: 'desk', entityId: id, action: 'deleted', summary: `Deleted desk ${desk.name}`, before: deskFieldsOf(desk) });
}

async function checkDeskFields(manager: EntityManager, fields: DeskFields, ownId?: string): Promise<void> {
  const siteIds = [...new Set([fields.siteId, ...fields.hostableSiteIds])];
  const knownSiteIds = new Set((await manager.find(Site, { select: { id: true }, where: { id: In(siteIds) } })).map((site) => site.id));
  const errors: Record<string, string> = {};
  if (await isNameTaken(manager, Desk, fields.name, ownId)) errors.name = `There is already a desk called ${fields.name}`;
  if (!knownSiteIds.has(fields.siteId)) errors.siteId = 'Choose the desk’s site from the list';
  if (fields.hostableSiteIds.some((siteId) => !knownSiteIds.has(siteId))) errors.hostableSiteIds = 'Choose sites from the list';
  if (Object.keys(errors).length) throw new InvalidFields(errors);
}

function deskColumns(fields: DeskFields): Partial<Desk> {
  return {
    name: fields.name,
    siteId: fields.siteId,
    workingDays: fields.days,
    startTime: fields.startTime,
    endTime: fields.endTime,
    weeklyCapacity: fields.weeklyCapacity,
    minimumHosts: fields.minimumHosts,
  };
}

function deskFieldsOf(desk: Desk): DeskFields {
  return {
    name: desk.name,
    siteId: desk.siteId,
    hostableSiteIds: desk.hostableSites.map((site) => site.id).sort(),
    days: desk.workingDays,
    startTime: desk.startTime.slice(0, 5),
    endTime: desk.endTime.slice(0, 5),
    weeklyCapacity: desk.weeklyCapacity,
    minimumHosts: desk.minimumHosts,
  };
}

function sortDeskLists(desk: Desk): Desk {
  desk.hostableSites.sort((a, b) => a.name.localeCompare(b.name));
  desk.capacityOverrides.sort((a, b) => a.week.localeCompare(b.week));
  return desk;
}

/** The sites a desk can belong to or host, by name. */
export function listSites(manager: EntityManager): Promise<Site[]> {
  return manager.find(Site, { order: { name: 'ASC' } });
}
