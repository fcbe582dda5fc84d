// Rotation programmes: what HR creates, changes and archives, each change audited in the caller's transaction.
import { type EntityManager, In, IsNull } from 'typeorm';
import { type AuditActor, changedFields, recordAudit } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { Department } from '../people/department.entity';
import { InvalidFields } from '../http/invalid-fields';
import { isId } from '../http/id-param';
import type { ProgrammeFields } from './programme-form';
import { ProgrammeStage } from './programme-stage.entity';
import { Programme } from './programme.entity';
import { isNameTaken } from './unique-name';

/** Every programme with its stages and departments, active ones first, by name. */
export async function listProgrammes(manager: EntityManager): Promise<Programme[]> {
  const programmes = await manager.find(Programme, { relations: { stages: true, departments: true }, order: { name: 'ASC' } });
  for (const programme of programmes) sortProgrammeLists(programme);
  return programmes.sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null));
}

export async function findProgramme(manager: EntityManager, id: string): Promise<Programme> {
  const programme = isId(id) ? await manager.findOne(Programme, { where: { id }, relations: { stages: true, departments: true } }) : null;
  if (!programme) throw new NotFound('There is no such programme.');
  return sortProgrammeLists(programme);
}

/** The departments a programme can apply to: the active ones, and any archived one it already names. */
export async function departmentChoices(manager: EntityManager, programme?: Programme): Promise<Department[]> {
  const active = await manager.find(Department, { where: { archivedAt: IsNull() }, order: { name: 'ASC' } });
  const archivedNamed = (programme?.departments ?? []).filter((department) => !active.some((candidate) => candidate.id === department.id));
  return [...active, ...archivedNamed];
}

export async function createProgramme(manager: EntityManager, actor: AuditActor, fields: ProgrammeFields): Promise<Programme> {
  await checkProgrammeFields(manager, fields);
  const programme = await manager.save(Programme, manager.create(Programme, { ...programmeColumns(fields), departments: fields.departmentIds.map((id) => ({ id })) }));
  await saveStages(manager, programme.id, fields);
  await recordAudit(manager, actor, { entityType: 'programme', entityId: programme.id, action: 'created', summary: `Created programme ${fields.name}`, after: fields });
  return programme;
}

export async function updateProgramme(manager: EntityManager, actor: AuditActor, id: string, fields: ProgrammeFields): Promise<void> {
  const programme = await findProgramme(manager, id);
  await checkProgrammeFields(manager, fields, id);
  const changes = changedFields(programmeFieldsOf(programme), fields);
  if (!changes) return;
  await manager.save(Programme, manager.create(Programme, { id, ...programmeColumns(fields), departments: fields.departmentIds.map((departmentId) => ({ id: departmentId })) }));
  await manager.delete(ProgrammeStage, { programmeId: id });
  await saveStages(manager, id, fields);
  await recordAudit(manager, actor, { entityType: 'programme', entityId: id, action: 'updated', summary: `Changed programme ${fields.name}`, ...changes });
}

/** An archived programme keeps its history, but the planner no longer schedules it. */
export async function archiveProgramme(manager: EntityManager, actor: AuditActor, id: string): Promise<void> {
  const programme = await findProgramme(manager, id);
  if (programme.archivedAt) return;
  await manager.update(Programme, { id }, { archivedAt: new Date() });
  await recordAudit(manager, actor, { entityType: 'programme', entityId: id, action: 'archived', summary: `Archived programme ${programme.name}` });
}

export async function restoreProgramme(manager: EntityManager, actor: AuditActor, id: string): Promise<void> {
  const programme = await findProgramme(manager, id);
  if (!programme.archivedAt) return;
  await manager.update(Programme, { id }, { archivedAt: null });
  await recordAudit(manager, actor, { entityType: 'programme', entityId: id, action: 'restored', summary: `Restored programme ${programme.name}` });
}

async function checkProgrammeFields(manager: EntityManager, fields: ProgrammeFields, ownId?: string): Promise<void> {
  const errors: Record<string, string> = {};
  if (await isNameTaken(manager, Programme, fields.name, ownId)) errors.name = `There is already a programme called ${fields.name}`;
  const known = await manager.countBy(Department, { id: In(fields.departmentIds) });
  if (known < fields.departmentIds.length) errors.departmentIds = 'Choose departments from the list';
  if (Object.keys(errors).length) throw new InvalidFields(errors);
}

async function saveStages(manager: EntityManager, programmeId: string, fields: ProgrammeFields): Promise<void> {
  await manager.insert(
    ProgrammeStage,
    fields.stages.map((stage, index) => ({ programmeId, position: index + 1, ...stage })),
  );
}

function programmeColumns(fields: ProgrammeFields): Partial<Programme> {
  const { stages: _stages, departmentIds: _departmentIds, ...columns } = fields;
  return columns;
}

function programmeFieldsOf(programme: Programme): ProgrammeFields {
  return {
    name: programme.name,
    kind: programme.kind,
    lengthWeeks: programme.lengthWeeks,
    expectedHoursPerWeek: programme.expectedHoursPerWeek,
    stages: programme.stages.map(({ name, amount, unit }) => ({ name, amount, unit })),
    departmentIds: programme.departments.map((department) => department.id).sort(),
    startWithinWeeks: programme.startWithinWeeks,
    appliesToHiresFrom: programme.appliesToHiresFrom,
    everyMonths: programme.everyMonths,
    earlyWeeks: programme.earlyWeeks,
  };
}

function sortProgrammeLists(programme: Programme): Programme {
  programme.stages.sort((a, b) => a.position - b.position);
  programme.departments.sort((a, b) => a.name.localeCompare(b.name));
  return programme;
}
