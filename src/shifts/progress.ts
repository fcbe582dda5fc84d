// Where one rotation stands: what each week expects, what was logged, and the stage reached. The dashboards read
// expectedHoursForAssignment and assignmentProgress; the shift pages and the completion job read rotationProgress.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { weeklyExpectations, type WeekExpectation } from './expected-hours';
import { publicHolidays } from './public-holidays';
import { absentDays, loadRotation, loadShifts, type Rotation } from './rotation';
import { hoursOf, roundHours, stages, type Shift, type Stage } from './shift';
import { localWeek } from './shift-times';
import { stageProgress, type StageProgress } from './stage-progress';

export interface WeekProgress extends WeekExpectation {
  loggedHours: number;
  shifts: number;
}

export interface RotationProgress {
  rotation: Rotation;
  shifts: Shift[];
  weeks: WeekProgress[];
  expectedHours: number;
  loggedHours: number;
  shiftsByStage: Record<Stage, number>;
  stages: StageProgress;
}

/** Expectations for a loaded rotation, reading the person's absences over its dates. */
export async function expectationsOf(manager: EntityManager, rotation: Rotation): Promise<WeekExpectation[]> {
  const holidays = publicHolidays(rotation.desk.countryCode, rotation.startsOn, rotation.endsOn);
  const absent = await absentDays(manager, rotation.employeeId, rotation.startsOn, rotation.endsOn);
  return weeklyExpectations(rotation, holidays, absent);
}

/** A rotation's progress from its expectations and shifts, already loaded; `now` decides which weeks are over. */
export function progressOf(rotation: Rotation, expectations: WeekExpectation[], shifts: Shift[], now: DateTime): RotationProgress {
  const zone = rotation.desk.timeZone;
  const logged = shifts.map((shift) => ({ shift, week: localWeek(shift.startsAt, zone) }));
  const weeks = expectations.map((week) => {
    const inWeek = logged.filter((entry) => entry.week === week.week).map((entry) => entry.shift);
    return { ...week, loggedHours: roundHours(inWeek.reduce((sum, shift) => sum + hoursOf(shift), 0)), shifts: inWeek.length };
  });
  const shiftsByStage = Object.fromEntries(stages.map((stage) => [stage, shifts.filter((shift) => shift.stage === stage).length])) as Record<Stage, number>;
  return {
    rotation,
    shifts,
    weeks,
    expectedHours: roundHours(expectations.reduce((sum, week) => sum + week.expectedHours, 0)),
    loggedHours: roundHours(shifts.reduce((sum, shift) => sum + hoursOf(shift), 0)),
    shiftsByStage,
    stages: stageProgress(
      rotation.stages,
      logged.map((entry) => ({ stage: entry.shift.stage, week: entry.week })),
      localWeek(now.toJSDate(), zone),
    ),
  };
}

export async function rotationProgress(manager: EntityManager, assignmentId: string, now: DateTime = DateTime.now()): Promise<RotationProgress> {
  const rotation = await loadRotation(manager, assignmentId);
  return progressOf(rotation, await expectationsOf(manager, rotation), await loadShifts(manager, assignmentId), now);
}

/** Each rotation week with the hours it expects (see expected-hours.ts for the rule). */
export async function expectedHoursForAssignment(manager: EntityManager, assignmentId: string): Promise<{ week: string; expectedHours: number }[]> {
  const expectations = await expectationsOf(manager, await loadRotation(manager, assignmentId));
  return expectations.map(({ week, expectedHours }) => ({ week, expectedHours }));
}

export async function assignmentProgress(
  manager: EntityManager,
  assignmentId: string,
  now: DateTime = DateTime.now(),
): Promise<{ expectedHours: number; loggedHours: number; shiftsByStage: Record<Stage, number>; reachedStage: Stage }> {
  const progress = await rotationProgress(manager, assignmentId, now);
  return { expectedHours: progress.expectedHours, loggedHours: progress.loggedHours, shiftsByStage: progress.shiftsByStage, reachedStage: progress.stages.reached };
}
