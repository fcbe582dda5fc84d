// Moves assignments along as their dates come: scheduled ones whose first day has come are in progress, and
// in-progress ones whose last day has passed are completed (which tells the planner when a person last rotated).
// Plain functions for page loads or a job; running them twice changes nothing more. Rows another transaction is
// changing are skipped rather than waited for (the next run takes them), so a page load never joins a deadlock.
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../planner';

/** Gives how many assignments started. */
export async function startDueAssignments(manager: EntityManager, today: IsoDate): Promise<number> {
  const [, started]: [unknown[], number] = await manager.query(
    `UPDATE assignments SET status = 'in-progress', version = version + 1, updated_at = now()
      WHERE id IN (SELECT id FROM assignments WHERE status = 'scheduled' AND starts_on <= $1 FOR UPDATE SKIP LOCKED)`,
    [today],
  );
  return started;
}

/** Gives how many assignments were completed. */
export async function completeFinishedAssignments(manager: EntityManager, today: IsoDate): Promise<number> {
  const [, completed]: [unknown[], number] = await manager.query(
    `UPDATE assignments SET status = 'completed', version = version + 1, updated_at = now()
      WHERE id IN (SELECT id FROM assignments WHERE status = 'in-progress' AND ends_on < $1 FOR UPDATE SKIP LOCKED)`,
    [today],
  );
  return completed;
}

/** Both of the above, in order, so an assignment that started and ended unseen is completed at once. */
export async function bringAssignmentsUpToDate(manager: EntityManager, today: IsoDate): Promise<void> {
  await startDueAssignments(manager, today);
  await completeFinishedAssignments(manager, today);
}
