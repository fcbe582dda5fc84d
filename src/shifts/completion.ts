// Settles rotations whose logging window has closed (their last day plus the grace days for late logging): one
// with at least the completion share of its expected hours logged is completed, which sets the person's next due
// date for the planner; one with less is flagged incomplete for HR to extend, accept or re-plan. Running it twice
// changes nothing more; rows another transaction holds are skipped and taken on the next run.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../planner';
import { checkStatusChange } from '../schedule/assignment-status';
import { readSettings } from '../settings/settings.service';
import { rotationProgress } from './progress';

/** Whether the logged hours reach the share of the expected ones. */
const meetsShare = (loggedHours: number, expectedHours: number, sharePercent: number): boolean => loggedHours * 100 >= expectedHours * sharePercent;

// Each rotation's progress takes a few queries, and the job holds its transaction meanwhile (on the embedded
// database, the only connection): a bounded batch per round keeps that short, and the job comes back every minute.
const rotationsPerRound = 200;

export async function completeFinishedRotations(manager: EntityManager, today: IsoDate): Promise<{ completed: number; flagged: number }> {
  const { completionSharePercent, lateLoggingGraceDays } = await readSettings(manager);
  const closedBefore = DateTime.fromISO(today, { zone: 'utc' }).minus({ days: lateLoggingGraceDays }).toISODate()!;
  // A rotation nobody logged on may still be scheduled if no clock moved it along: it took place all the same.
  const due: { id: string }[] = await manager.query(
    `SELECT id FROM assignments
      WHERE status IN ('scheduled', 'in-progress') AND incomplete_since IS NULL AND ends_on < $1
      ORDER BY ends_on LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [closedBefore, rotationsPerRound],
  );
  let completed = 0;
  for (const { id } of due) {
    const progress = await rotationProgress(manager, id, DateTime.fromISO(today, { zone: 'utc' }));
    if (progress.rotation.status === 'scheduled') checkStatusChange('scheduled', 'in-progress');
    if (meetsShare(progress.loggedHours, progress.expectedHours, completionSharePercent)) {
      checkStatusChange('in-progress', 'completed');
      await manager.query(
        `UPDATE assignments SET status = 'completed', completed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      completed++;
    } else {
      await manager.query(
        `UPDATE assignments SET status = 'in-progress', incomplete_since = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, today],
      );
    }
  }
  return { completed, flagged: due.length - completed };
}
