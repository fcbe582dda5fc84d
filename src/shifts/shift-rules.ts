// The rules every shift must keep, checked together so the form shows every problem at once. The caller holds the
// person's lock (lockShiftOwner), so two shifts saved at the same moment cannot both pass the overlap check.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { NotFound, RuleViolation } from '../http/errors';
import type { FieldErrors } from '../http/validation';
import { absentDays, type Rotation } from './rotation';
import { hoursOf, roundHours, stageNames, type ShiftFields, type Stage } from './shift';
import { localDate } from './shift-times';

const longestShiftHours = 12;

/** The shift breaks rules, each named against its field; nothing was saved. */
export class InvalidShift extends RuleViolation {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
  }
}

export interface ShiftCheck {
  rotation: Rotation;
  fields: ShiftFields;
  now: DateTime;
  /** The shift being changed, which cannot overlap itself. */
  exceptShiftId: string | null;
  /** The last day an employee may still log on this rotation; null for HR, who corrects at any time. */
  loggableUntil: string | null;
  /** The stages the shift may be at. */
  stages: Stage[];
  /**
   * Starting: only the start is known yet (its end is a moment later), so length and "over" are not checked.
   * Ending: the open shift is the one being saved, not another.
   */
  openShift?: 'starting' | 'ending';
}

/** Serialises every change to one person's shifts until the transaction ends. */
export async function lockShiftOwner(manager: EntityManager, employeeId: string): Promise<void> {
  // NO KEY UPDATE makes shift writers for one person wait for each other, as absences do, without holding up rows
  // that merely reference the employee.
  const rows: unknown[] = await manager.query(`SELECT id FROM employees WHERE id = $1 FOR NO KEY UPDATE`, [employeeId]);
  if (!rows.length) throw new NotFound('There is no such employee.');
}

export async function checkShift(manager: EntityManager, check: ShiftCheck): Promise<void> {
  const errors: FieldErrors = {};
  const { rotation, fields, now } = check;
  const zone = rotation.desk.timeZone;
  const at = (instant: Date) => DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
  const day = localDate(fields.startsAt, zone);
  const hours = hoursOf(fields);

  if (hours <= 0) errors.endTime = 'The shift must end after it starts.';
  else if (hours > longestShiftHours) errors.endTime = `A shift is at most ${longestShiftHours} hours; this one is ${roundHours(hours)} hours.`;
  if (check.openShift !== 'starting' && fields.endsAt.getTime() > now.toMillis()) {
    errors.endTime ??= `The shift has not ended yet (it is ${now.setZone(zone).toFormat('yyyy-MM-dd HH:mm')} at the desk): log it once it is over.`;
  }
  if (day < rotation.startsOn || day > rotation.endsOn) {
    errors.date = `Choose a day of the rotation, from ${rotation.startsOn} to ${rotation.endsOn}.`;
  } else if (check.loggableUntil !== null && now.setZone(zone).toISODate()! > check.loggableUntil) {
    errors.date = `Shifts of this rotation could be logged until ${check.loggableUntil}; ask HR to add or correct this one.`;
  }
  if (!check.stages.includes(fields.stage)) {
    errors.stage = `You have not reached the ${stageNames[fields.stage].toLowerCase()} stage; choose ${check.stages.map((stage) => stageNames[stage].toLowerCase()).join(' or ')}.`;
  }
  if (Object.keys(errors).length) throw new InvalidShift(errors);

  const clash = await overlappingShift(manager, rotation.employeeId, fields, check.exceptShiftId);
  if (clash) {
    errors.startTime = `This overlaps another of your shifts, on ${localDate(clash.startsAt, zone)} from ${at(clash.startsAt)} to ${at(clash.endsAt)}.`;
  } else if (check.openShift !== 'ending') {
    const open = await openShiftStart(manager, rotation.employeeId);
    if (open && open < fields.endsAt) errors.startTime = `This overlaps the shift you started at ${at(open)} on ${localDate(open, zone)} and have not ended yet.`;
  }
  if (!fields.absenceConfirmed) {
    const away = await absentDays(manager, rotation.employeeId, day, localDate(fields.endsAt, zone));
    if (away.size) {
      errors.absenceConfirmed = `You are recorded as absent on ${[...away].join(', ')}. Did you work this shift all the same? Tick the box to confirm, then save again.`;
    }
  }
  if (Object.keys(errors).length) throw new InvalidShift(errors);
}

async function overlappingShift(manager: EntityManager, employeeId: string, fields: ShiftFields, exceptId: string | null) {
  const rows: { startsAt: Date; endsAt: Date }[] = await manager.query(
    `SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM shifts
      WHERE employee_id = $1 AND starts_at < $3 AND ends_at > $2 AND id IS DISTINCT FROM $4
      ORDER BY starts_at LIMIT 1`,
    [employeeId, fields.startsAt, fields.endsAt, exceptId],
  );
  return rows[0];
}

async function openShiftStart(manager: EntityManager, employeeId: string): Promise<Date | undefined> {
  const rows: { startsAt: Date }[] = await manager.query(`SELECT starts_at AS "startsAt" FROM open_shifts WHERE employee_id = $1`, [employeeId]);
  return rows[0]?.startsAt;
}
