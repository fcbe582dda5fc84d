// Runs the reminder job every few minutes. Its next time is kept in the database, so it survives restarts, and
// of several app processes only the one that locks the job's row runs it; the others skip that round.
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { sendDueReminders } from './reminders';

const reminderJob = 'rotation-reminders';
const reminderEveryMinutes = 5;
const checkEveryMs = 60_000;

/** Runs the reminder job when its time has come and no other process holds it; gives the reminders queued, or null when it did not run. */
export async function runReminderJob(dataSource: DataSource, now: () => DateTime = () => DateTime.now()): Promise<number | null> {
  try {
    return await inTransaction(dataSource, async (manager) => {
      const claimed: unknown[] = await manager.query(
        `SELECT name FROM scheduled_jobs WHERE name = $1 AND run_at <= now() FOR UPDATE SKIP LOCKED`,
        [reminderJob],
      );
      if (!claimed.length) return null;
      const queued = await sendDueReminders(manager, now());
      await manager.query(
        `UPDATE scheduled_jobs
            SET run_at = now() + make_interval(mins => $2), last_started_at = now(), last_finished_at = clock_timestamp(), last_error = NULL
          WHERE name = $1`,
        [reminderJob, reminderEveryMinutes],
      );
      return queued;
    });
  } catch (error) {
    // The round rolled back; the job stays due, so the next check tries again.
    await dataSource.query(`UPDATE scheduled_jobs SET last_error = $2 WHERE name = $1`, [
      reminderJob,
      (error instanceof Error ? error.message : String(error)).slice(0, 1000),
    ]);
    throw error;
  }
}

/** Checks every minute whether the reminder job is due. Gives the function that stops the loop, waiting for the round in flight. */
export function startNoticeJobs(dataSource: DataSource, logger: Logger): () => Promise<void> {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const runRound = async () => {
    try {
      const queued = await runReminderJob(dataSource);
      if (queued) logger.info({ queued }, 'queued rotation reminders');
    } catch (error) {
      logger.error({ err: error }, 'the rotation reminder job failed; it will be tried again');
    }
    if (!stopping) timer = setTimeout(() => (inFlight = runRound()), checkEveryMs);
  };
  inFlight = runRound();

  return async () => {
    stopping = true;
    clearTimeout(timer);
    await inFlight;
  };
}
