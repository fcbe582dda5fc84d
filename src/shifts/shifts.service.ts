// Logging, changing and removing shifts. Employees log on their own rotations while those are scheduled or in
// progress, up to the grace days after the last day; HR corrects any shift at any time, with an audit entry.
// Every change takes the person's lock first, then the rotation's, so overlapping shifts cannot slip in.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit-log';
import { Conflict, Forbidden, NotFound, RuleViolation } from '../http/errors';
import { checkStatusChange, statusLabels } from '../schedule/assignment-status';
import { readSettings } from '../settings/settings.service';
import { lastLoggingDay, loadRotation, loadShifts, shiftColumns, type Rotation } from './rotation';
import { stages, type Channel, type Shift, type ShiftFields, type Stage } from './shift';
import type { ShiftFormData } from './shift-form';
import { checkShift, InvalidShift, lockShiftOwner } from './shift-rules';
import { instantAt, localTimes, localWeek } from './shift-times';
import { stageKindOf, stageProgress } from './stage-progress';

const loggableStatuses = new Set(['scheduled', 'in-progress']);

export async function findShift(manager: EntityManager, shiftId: string): Promise<Shift> {
  const [shift]: Shift[] = await manager.query(`SELECT ${shiftColumns} FROM shifts sh WHERE sh.id = $1`, [shiftId]);
  if (!shift) throw new NotFound('There is no such shift.');
  return shift;
}

/** A rotation its person may log on: their own, scheduled or in progress. Someone else's is not there for them. */
export async function ownOpenRotation(manager: EntityManager, employeeId: string, assignmentId: string, lock = false): Promise<Rotation> {
  const rotation = await loadRotation(manager, assignmentId, lock);
  if (rotation.employeeId !== employeeId) throw new NotFound('There is no such rotation.');
  if (!loggableStatuses.has(rotation.status)) {
    throw new Forbidden(`This rotation is ${statusLabels[rotation.status]}: its shifts can no longer be logged or changed. HR can correct them.`);
  }
  return rotation;
}

/** A shift its person may change: their own, on a rotation still open. */
export async function ownShift(manager: EntityManager, employeeId: string, shiftId: string, lock = false): Promise<{ shift: Shift; rotation: Rotation }> {
  const shift = await findShift(manager, shiftId);
  if (shift.employeeId !== employeeId) throw new NotFound('There is no such shift.');
  return { shift, rotation: await ownOpenRotation(manager, employeeId, shift.assignmentId, lock) };
}

async function loggableUntil(manager: EntityManager, rotation: Rotation): Promise<string> {
  return lastLoggingDay(rotation.endsOn, (await readSettings(manager)).lateLoggingGraceDays);
}

/** The stages the person has reached on the rotation, leaving out the shift being changed. */
export async function reachedStages(manager: EntityManager, rotation: Rotation, now: DateTime, exceptShiftId: string | null = null): Promise<Stage[]> {
  const zone = rotation.desk.timeZone;
  const logged = (await loadShifts(manager, rotation.id))
    .filter((shift) => shift.id !== exceptShiftId)
    .map((shift) => ({ stage: shift.stage, week: localWeek(shift.startsAt, zone) }));
  return stageProgress(rotation.stages, logged, localWeek(now.toJSDate(), zone)).offered;
}

/** Every stage the programme has: HR may correct a shift to any of them. */
export function programmeStages(rotation: Rotation): Stage[] {
  if (!rotation.stages.length) return [...stages];
  const kinds = new Set(rotation.stages.map((stage, index) => stageKindOf(stage.name, index, rotation.stages.length)));
  return stages.filter((stage) => kinds.has(stage));
}

/** The form's date and times as instants at the desk; a time the clocks skip that day is refused. */
function shiftFieldsOf(form: ShiftFormData, rotation: Rotation): ShiftFields {
  const zone = rotation.desk.timeZone;
  const startsAt = instantAt(form.date, form.startTime, zone);
  const endsAt = instantAt(form.date, form.endTime, zone);
  const skipped = (time: string) => `${time} does not exist on ${form.date} in ${zone}: the clocks go forward that night.`;
  if (!startsAt || !endsAt) {
    throw new InvalidShift({ ...(startsAt ? {} : { startTime: skipped(form.startTime) }), ...(endsAt ? {} : { endTime: skipped(form.endTime) }) });
  }
  const { channel, contacts, stage, notes, absenceConfirmed } = form;
  return { startsAt, endsAt, channel, contacts, stage, notes, absenceConfirmed };
}

async function insertShift(manager: EntityManager, rotation: Rotation, fields: ShiftFields): Promise<string> {
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO shifts (assignment_id, employee_id, starts_at, ends_at, channel, contacts, stage, notes, absence_confirmed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [rotation.id, rotation.employeeId, fields.startsAt, fields.endsAt, fields.channel, fields.contacts, fields.stage, fields.notes, fields.absenceConfirmed],
  );
  // The first shift shows the rotation has begun, whether or not the clock has moved it along yet.
  if (rotation.status === 'scheduled') {
    checkStatusChange(rotation.status, 'in-progress');
    await manager.query(`UPDATE assignments SET status = 'in-progress', version = version + 1, updated_at = now() WHERE id = $1`, [rotation.id]);
  }
  return id;
}

class ShiftChangedMeanwhile extends Conflict {
  constructor() {
    super('This shift was changed after you opened it. Open it again to see it as it is now.');
  }
}

async function saveShift(manager: EntityManager, shiftId: string, version: number, fields: ShiftFields): Promise<void> {
  const [, updated]: [unknown[], number] = await manager.query(
    `UPDATE shifts SET starts_at = $3, ends_at = $4, channel = $5, contacts = $6, stage = $7, notes = $8, absence_confirmed = $9,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [shiftId, version, fields.startsAt, fields.endsAt, fields.channel, fields.contacts, fields.stage, fields.notes, fields.absenceConfirmed],
  );
  if (!updated) throw new ShiftChangedMeanwhile();
}

/** An employee logs a shift on their own rotation; gives its id. */
export async function logShift(manager: EntityManager, employeeId: string, assignmentId: string, form: ShiftFormData, now: DateTime): Promise<string> {
  await lockShiftOwner(manager, employeeId);
  const rotation = await ownOpenRotation(manager, employeeId, assignmentId, true);
  const fields = shiftFieldsOf(form, rotation);
  await checkShift(manager, {
    rotation,
    fields,
    now,
    exceptShiftId: null,
    loggableUntil: await loggableUntil(manager, rotation),
    stages: await reachedStages(manager, rotation, now),
  });
  return insertShift(manager, rotation, fields);
}

export async function updateOwnShift(manager: EntityManager, employeeId: string, shiftId: string, version: number, form: ShiftFormData, now: DateTime): Promise<void> {
  await lockShiftOwner(manager, employeeId);
  const { rotation } = await ownShift(manager, employeeId, shiftId, true);
  const fields = shiftFieldsOf(form, rotation);
  await checkShift(manager, {
    rotation,
    fields,
    now,
    exceptShiftId: shiftId,
    loggableUntil: await loggableUntil(manager, rotation),
    stages: await reachedStages(manager, rotation, now, shiftId),
  });
  await saveShift(manager, shiftId, version, fields);
}

export async function deleteOwnShift(manager: EntityManager, employeeId: string, shiftId: string): Promise<void> {
  await lockShiftOwner(manager, employeeId);
  await ownShift(manager, employeeId, shiftId, true);
  await manager.query(`DELETE FROM shifts WHERE id = $1`, [shiftId]);
}

/** How a shift reads in the audit log: its times at the desk, as the person typed them. */
function describeShift(shift: Pick<Shift, 'startsAt' | 'endsAt' | 'channel' | 'contacts' | 'stage' | 'notes' | 'absenceConfirmed'>, rotation: Rotation) {
  return {
    ...localTimes(shift.startsAt, shift.endsAt, rotation.desk.timeZone),
    timeZone: rotation.desk.timeZone,
    channel: shift.channel,
    contacts: shift.contacts,
    stage: shift.stage,
    notes: shift.notes,
    absenceConfirmed: shift.absenceConfirmed,
  };
}

const shiftTitle = (shift: Pick<Shift, 'startsAt'>, rotation: Rotation) =>
  `${rotation.employeeName}’s shift on ${localTimes(shift.startsAt, shift.startsAt, rotation.desk.timeZone).date} (${rotation.programmeName} at ${rotation.deskName})`;

/** HR corrects a shift, whatever its rotation's state; the audit entry holds what changed. */
export async function correctShift(manager: EntityManager, actor: AuditActor, shiftId: string, version: number, form: ShiftFormData, now: DateTime): Promise<void> {
  await lockShiftOwner(manager, (await findShift(manager, shiftId)).employeeId);
  const before = await findShift(manager, shiftId);
  const rotation = await loadRotation(manager, before.assignmentId, true);
  const fields = shiftFieldsOf(form, rotation);
  await checkShift(manager, { rotation, fields, now, exceptShiftId: shiftId, loggableUntil: null, stages: programmeStages(rotation) });
  const changes = changedFields(describeShift(before, rotation), describeShift(fields, rotation));
  if (!changes) return;
  await saveShift(manager, shiftId, version, fields);
  await recordAudit(manager, actor, { entityType: 'shift', entityId: shiftId, action: 'updated', summary: `Corrected ${shiftTitle(before, rotation)}`, ...changes });
}

export async function removeShift(manager: EntityManager, actor: AuditActor, shiftId: string): Promise<string> {
  await lockShiftOwner(manager, (await findShift(manager, shiftId)).employeeId);
  const shift = await findShift(manager, shiftId);
  const rotation = await loadRotation(manager, shift.assignmentId, true);
  await manager.query(`DELETE FROM shifts WHERE id = $1`, [shiftId]);
  await recordAudit(manager, actor, {
    entityType: 'shift',
    entityId: shiftId,
    action: 'deleted',
    summary: `Deleted ${shiftTitle(shift, rotation)}`,
    before: describeShift(shift, rotation),
  });
  return rotation.id;
}

export interface OpenShift {
  assignmentId: string;
  startsAt: Date;
  channel: Channel;
  stage: Stage;
  absenceConfirmed: boolean;
}

export async function findOpenShift(manager: EntityManager, employeeId: string): Promise<OpenShift | null> {
  const [open]: OpenShift[] = await manager.query(
    `SELECT assignment_id AS "assignmentId", starts_at AS "startsAt", channel, stage, absence_confirmed AS "absenceConfirmed"
       FROM open_shifts WHERE employee_id = $1`,
    [employeeId],
  );
  return open ?? null;
}

/** The minute now, at which "Start shift" and "End shift" put a shift's ends. */
const thisMinute = (now: DateTime) => now.startOf('minute').toJSDate();

/** "Start shift": remembers that the person began a shift now, at a channel and stage, until they end it. */
export async function startShift(
  manager: EntityManager,
  employeeId: string,
  assignmentId: string,
  start: { channel: Channel; stage: Stage; absenceConfirmed: boolean },
  now: DateTime,
): Promise<void> {
  await lockShiftOwner(manager, employeeId);
  const open = await findOpenShift(manager, employeeId);
  if (open) throw new RuleViolation('You have a shift under way already: end it before starting another.');
  const rotation = await ownOpenRotation(manager, employeeId, assignmentId, true);
  const startsAt = thisMinute(now);
  await checkShift(manager, {
    rotation,
    fields: { ...start, startsAt, endsAt: new Date(startsAt.getTime() + 60_000), contacts: 0, notes: null },
    now,
    exceptShiftId: null,
    loggableUntil: await loggableUntil(manager, rotation),
    stages: await reachedStages(manager, rotation, now),
    openShift: 'starting',
  });
  await manager.query(
    `INSERT INTO open_shifts (employee_id, assignment_id, starts_at, channel, stage, absence_confirmed) VALUES ($1, $2, $3, $4, $5, $6)`,
    [employeeId, rotation.id, startsAt, start.channel, start.stage, start.absenceConfirmed],
  );
}

/** "End shift": logs the shift under way as ending now, with the contacts handled; gives the new shift's id. */
export async function endShift(manager: EntityManager, employeeId: string, end: { contacts: number; notes: string | null }, now: DateTime): Promise<string> {
  await lockShiftOwner(manager, employeeId);
  const open = await findOpenShift(manager, employeeId);
  if (!open) throw new RuleViolation('You have no shift under way: start one first, or log it with its times.');
  const rotation = await ownOpenRotation(manager, employeeId, open.assignmentId, true);
  const fields: ShiftFields = { ...end, startsAt: open.startsAt, endsAt: thisMinute(now), channel: open.channel, stage: open.stage, absenceConfirmed: open.absenceConfirmed };
  await checkShift(manager, {
    rotation,
    fields,
    now,
    exceptShiftId: null,
    loggableUntil: await loggableUntil(manager, rotation),
    // The stage was one the person had reached when they started.
    stages: [open.stage],
    openShift: 'ending',
  });
  await manager.query(`DELETE FROM open_shifts WHERE employee_id = $1`, [employeeId]);
  return insertShift(manager, rotation, fields);
}

/** Forgets the shift under way, e.g. one left running overnight that the person logs by hand instead. */
export async function discardOpenShift(manager: EntityManager, employeeId: string): Promise<void> {
  await manager.query(`DELETE FROM open_shifts WHERE employee_id = $1`, [employeeId]);
}
