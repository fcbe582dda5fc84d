// People HR excuses from a programme, each with a reason; the planner leaves them out of that programme.
import type { EntityManager } from 'typeorm';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { Employee } from '../people/employee.entity';
import { InvalidFields } from '../http/invalid-fields';
import { isId } from '../http/id-param';
import { ProgrammeExemption } from './programme-exemption.entity';
import { findProgramme } from './programmes';

export interface ExemptionFields {
  email: string;
  reason: string;
}

/** The programme's exemptions with the people's names, by name. */
export async function listExemptions(manager: EntityManager, programmeId: string): Promise<ProgrammeExemption[]> {
  return manager.find(ProgrammeExemption, { where: { programmeId }, relations: { employee: true }, order: { employee: { fullName: 'ASC' } } });
}

export async function addExemption(manager: EntityManager, actor: AuditActor, programmeId: string, fields: ExemptionFields): Promise<void> {
  const programme = await findProgramme(manager, programmeId);
  const employee = await manager.findOneBy(Employee, { email: fields.email });
  if (!employee) throw new InvalidFields({ email: `Nobody has the email ${fields.email}` });
  if (await manager.existsBy(ProgrammeExemption, { programmeId, employeeId: employee.id })) {
    throw new InvalidFields({ email: `${employee.fullName} is already exempt from ${programme.name}` });
  }
  await manager.insert(ProgrammeExemption, { programmeId, employeeId: employee.id, reason: fields.reason, createdBy: actor.id });
  await recordAudit(manager, actor, {
    entityType: 'programme',
    entityId: programmeId,
    action: 'exemption-added',
    summary: `Exempted ${employee.fullName} from ${programme.name}: ${fields.reason}`,
    after: { employeeId: employee.id, reason: fields.reason },
  });
}

export async function removeExemption(manager: EntityManager, actor: AuditActor, programmeId: string, employeeId: string): Promise<void> {
  const programme = await findProgramme(manager, programmeId);
  const exemption = isId(employeeId)
    ? await manager.findOne(ProgrammeExemption, { where: { programmeId, employeeId }, relations: { employee: true } })
    : null;
  if (!exemption) throw new NotFound('That person is not exempt from this programme.');
  await manager.delete(ProgrammeExemption, { programmeId, employeeId });
  await recordAudit(manager, actor, {
    entityType: 'programme',
    entityId: programmeId,
    action: 'exemption-removed',
    summary: `${exemption.employee.fullName} takes part in ${programme.name} again`,
    before: { employeeId, reason: exemption.reason },
  });
}
