// An employee's own progress: each current rotation's hours logged against those expected and shifts by stage, and
// the history of their past rotations.
import type { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { AssignmentStatus, AssignmentSummary } from '../schedule/assignment-status';
import { assignmentProgress } from '../shifts/progress';
import { loadRotationsOf } from '../shifts/rotation';
import type { Stage } from '../shifts/shift';

export interface RotationProgressView extends AssignmentSummary {
  /** Set when the rotation ended short of its hours and HR has yet to decide. */
  incompleteSince: string | null;
  expectedHours: number;
  loggedHours: number;
  /** Logged of expected, in whole percent (may pass 100); null when nothing is expected. */
  percent: number | null;
  shiftsByStage: Record<Stage, number>;
  reachedStage: Stage;
}

export interface MyProgress {
  /** Scheduled, in-progress and deferred rotations, soonest first. */
  current: RotationProgressView[];
  /** Completed and cancelled rotations, latest first. */
  history: RotationProgressView[];
}

const past: AssignmentStatus[] = ['completed', 'cancelled'];

export async function loadMyProgress(manager: EntityManager, employeeId: string, now: DateTime): Promise<MyProgress> {
  const rotations = await loadRotationsOf(manager, employeeId);
  const views: RotationProgressView[] = [];
  for (const rotation of rotations) {
    const progress = await assignmentProgress(manager, rotation.id, now);
    views.push({
      id: rotation.id,
      programmeName: rotation.programmeName,
      deskName: rotation.deskName,
      firstWeek: rotation.firstWeek,
      weeks: rotation.weeks,
      startsOn: rotation.startsOn,
      endsOn: rotation.endsOn,
      status: rotation.status,
      incompleteSince: rotation.incompleteSince,
      expectedHours: progress.expectedHours,
      loggedHours: progress.loggedHours,
      percent: progress.expectedHours > 0 ? Math.round((progress.loggedHours / progress.expectedHours) * 100) : null,
      shiftsByStage: progress.shiftsByStage,
      reachedStage: progress.reachedStage,
    });
  }
  return {
    current: views.filter((view) => !past.includes(view.status)).reverse(),
    history: views.filter((view) => past.includes(view.status)),
  };
}
