// Moves scheduled assignments whose first day has come to in progress. Completion is the shifts feature's job
// (src/shifts/completion.ts), since it depends on the hours logged. A plain function for page loads and the job
// loop; running it twice changes nothing more. Rows another transaction is
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
