// What the shift pages show: a person's rotations with their shifts, weekly hours and stages, and the forms'
// choices; read in the request's transaction.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { dateRange } from '../calendars/date-range';
import { statusLabels } from '../schedule/assignment-status';
import { readSettings } from '../settings/settings.service';
import { expectationsOf, progressOf, type RotationProgress } from './progress';
import { absentDays, lastLoggingDay, loadRotationsOf, loadShifts, type Rotation } from './rotation';
import { channelNames, channels, hoursOf, roundHours, stageNames, type Shift, type Stage } from './shift';
import { localTimes } from './shift-times';
import type { ShiftFormValues } from './shift-form';
import { findOpenShift, type OpenShift } from './shifts.service';

export const channelOptions = channels.map((value) => ({ value, name: channelNames[value] }));
export const stageOptions = (offered: Stage[]) => offered.map((value) => ({ value, name: stageNames[value] }));

export interface ShiftRow {
  id: string;
  date: string;
  startTime: string;
  endTime: string;
  hours: number;
  channel: string;
  contacts: number;
  stage: string;
  notes: string | null;
  absenceConfirmed: boolean;
}

export function shiftRow(shift: Shift, zone: string): ShiftRow {
  return {
    id: shift.id,
    ...localTimes(shift.startsAt, shift.endsAt, zone),
    hours: roundHours(hoursOf(shift)),
    channel: channelNames[shift.channel],
    contacts: shift.contacts,
    stage: stageNames[shift.stage],
    notes: shift.notes,
    absenceConfirmed: shift.absenceConfirmed,
  };
}

/** A rotation as its shift page shows it. */
export interface RotationShifts {
  id: string;
  title: string;
  status: string;
  dates: string;
  timeZone: string;
  progress: RotationProgress;
  /** Logged of expected hours, in whole percent, at most 100 (for the bar). */
  percent: number;
  shifts: ShiftRow[];
  /** Scheduled or in progress: its shifts may be logged, changed and deleted. */
  open: boolean;
  /** Open, begun, and not past the days for late logging. */
  canLog: boolean;
  /** Open, and today is one of its days. */
  canStart: boolean;
  loggableUntil: string;
  stageOptions: { value: Stage; name: string }[];
  /** Today is a day the person is recorded absent: "Start shift" asks to confirm. */
  absentToday: boolean;
}

export const rotationTitle = (rotation: Pick<Rotation, 'programmeName' | 'deskName'>) => `${rotation.programmeName} at ${rotation.deskName}`;

export function percentOf(progress: Pick<RotationProgress, 'loggedHours' | 'expectedHours'>): number {
  return progress.expectedHours > 0 ? Math.min(100, Math.floor((progress.loggedHours * 100) / progress.expectedHours)) : 100;
}

async function rotationShifts(manager: EntityManager, rotation: Rotation, graceDays: number, now: DateTime): Promise<RotationShifts> {
  const zone = rotation.desk.timeZone;
  const today = now.setZone(zone).toISODate()!;
  const shifts = await loadShifts(manager, rotation.id);
  const progress = progressOf(rotation, await expectationsOf(manager, rotation), shifts, now);
  const loggableUntil = lastLoggingDay(rotation.endsOn, graceDays);
  const open = rotation.status === 'scheduled' || rotation.status === 'in-progress';
  return {
    id: rotation.id,
    title: rotationTitle(rotation),
    status: statusLabels[rotation.status],
    dates: dateRange(rotation.startsOn, rotation.endsOn),
    timeZone: zone,
    progress,
    percent: percentOf(progress),
    shifts: shifts.map((shift) => shiftRow(shift, zone)).reverse(),
    open,
    canLog: open && today >= rotation.startsOn && today <= loggableUntil,
    canStart: open && today >= rotation.startsOn && today <= rotation.endsOn,
    loggableUntil,
    stageOptions: stageOptions(progress.stages.offered),
    absentToday: (await absentDays(manager, rotation.employeeId, today, today)).size > 0,
  };
}

export interface MyShiftsPage {
  rotations: RotationShifts[];
  openShift: (OpenShift & { since: string; timeZone: string; rotationTitle: string; channelName: string; stageName: string }) | null;
}

/** The person's rotations that are or were on (deferred and cancelled ones only when shifts were logged on them), latest first. */
export async function loadMyShifts(manager: EntityManager, employeeId: string, now: DateTime): Promise<MyShiftsPage> {
  const { lateLoggingGraceDays } = await readSettings(manager);
  const rotations: RotationShifts[] = [];
  for (const rotation of await loadRotationsOf(manager, employeeId)) {
    const shown = await rotationShifts(manager, rotation, lateLoggingGraceDays, now);
    if (['scheduled', 'in-progress', 'completed'].includes(rotation.status) || shown.shifts.length) rotations.push(shown);
  }
  const open = await findOpenShift(manager, employeeId);
  const openRotation = open && rotations.find((rotation) => rotation.id === open.assignmentId);
  return {
    rotations,
    openShift:
      open && openRotation
        ? {
            ...open,
            since: DateTime.fromJSDate(open.startsAt, { zone: openRotation.timeZone }).toFormat('yyyy-MM-dd HH:mm'),
            timeZone: openRotation.timeZone,
            rotationTitle: openRotation.title,
            channelName: channelNames[open.channel],
            stageName: stageNames[open.stage],
          }
        : null,
  };
}

/** A blank shift form: today at the desk, at the desk's hours, at the stage reached. */
export function newShiftValues(rotation: Rotation, reached: Stage, now: DateTime): ShiftFormValues {
  return {
    date: now.setZone(rotation.desk.timeZone).toISODate()!,
    startTime: rotation.desk.startTime,
    endTime: rotation.desk.endTime,
    channel: 'phone',
    contacts: '',
    stage: reached,
    notes: '',
    absenceConfirmed: '',
  };
}

/** A saved shift in its form. */
export function savedShiftValues(shift: Shift, zone: string): ShiftFormValues {
  return {
    ...localTimes(shift.startsAt, shift.endsAt, zone),
    channel: shift.channel,
    contacts: String(shift.contacts),
    stage: shift.stage,
    notes: shift.notes ?? '',
    absenceConfirmed: shift.absenceConfirmed ? 'yes' : '',
  };
}
