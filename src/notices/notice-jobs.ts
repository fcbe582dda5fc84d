// Runs the reminder job every few minutes and the heads' weekly learnings digest every hour. A job's next time is
// kept in the database, so it survives restarts, and of several app processes only the one that locks the job's row
// runs it; the others skip that round.
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { pruneExpiredSessions } from '../auth/sessions';
import { inTransaction } from '../db/transaction';
import { startDueAssignments } from '../schedule/assignment-clock';
import { completeFinishedRotations } from '../shifts/completion';
import { sendWeeklyDigests } from '../learnings/weekly-digest';
import { sendDueReminders } from './reminders';

const reminderJob = 'rotation-reminders';
const reminderEveryMinutes = 5;
const digestJob = 'learnings-digest';
const digestEveryMinutes = 60;
const checkEveryMs = 60_000;

/** Runs a job when its time has come and no other process holds it; gives what it did, or null when it did not run. */
async function runScheduledJob<T>(dataSource: DataSource, name: string, everyMinutes: number, work: (manager: EntityManager) => Promise<T>): Promise<T | null> {
  try {
    return await inTransaction(dataSource, async (manager) => {
      const claimed: unknown[] = await manager.query(
        `SELECT name FROM scheduled_jobs WHERE name = $1 AND run_at <= now() FOR UPDATE SKIP LOCKED`,
        [name],
      );
      if (!claimed.length) return null;
      const done = await work(manager);
      await manager.query(
        `UPDATE scheduled_jobs
            SET run_at = now() + make_interval(mins => $2), last_started_at = now(), last_finished_at = clock_timestamp(), last_error = NULL
          WHERE name = $1`,
        [name, everyMinutes],
      );
      return done;
    });
  } catch (error) {
    // The round rolled back; the job stays due, so the next check tries again.
    await dataSource.query(`UPDATE scheduled_jobs SET last_error = $2 WHERE name = $1`, [
      name,
      (error instanceof Error ? error.message : String(error)).slice(0, 1000),
    ]);
    throw error;
  }
}

/** Runs the reminder job when its time has come and no other process holds it; gives the reminders queued, or null when it did not run. */
export function runReminderJob(dataSource: DataSource, now: () => DateTime = () => DateTime.now()): Promise<number | null> {
  return runScheduledJob(dataSource, reminderJob, reminderEveryMinutes, (manager) => sendDueReminders(manager, now()));
}

/** Likewise the heads' weekly learnings digests (each is queued once per ISO week, so running hourly is enough). */
export function runDigestJob(dataSource: DataSource, now: () => DateTime = () => DateTime.now()): Promise<number | null> {
  return runScheduledJob(dataSource, digestJob, digestEveryMinutes, (manager) => sendWeeklyDigests(manager, now()));
}

/** Checks every minute for due jobs: reminders, digests, assignments to start, complete or flag, and expired sessions. Gives the function that stops the loop, waiting for the round in flight. */
export function startNoticeJobs(dataSource: DataSource, logger: Logger): () => Promise<void> {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const step = async (what: string, run: () => Promise<object | number | null>) => {
    try {
      const outcome = await run();
      if (outcome) logger.info({ outcome }, what);
    } catch (error) {
      logger.error({ err: error }, `${what} failed; it will be tried again`);
    }
  };
  const runRound = async () => {
    await step('rotation reminders', () => runReminderJob(dataSource));
    await step('weekly learnings digests', () => runDigestJob(dataSource));
    // Safe in every process: both skip rows another transaction holds.
    await step('assignment statuses', () =>
      inTransaction(dataSource, async (manager) => {
        const today = DateTime.now().toISODate()!;
        const started = await startDueAssignments(manager, today);
        const settled = await completeFinishedRotations(manager, today);
        return started || settled.completed || settled.flagged ? { started, ...settled } : null;
      }),
    );
    await step('expired sessions', async () => {
      const deleted = await pruneExpiredSessions(dataSource.manager);
      return deleted ? { deleted } : null;
    });
    if (!stopping) timer = setTimeout(() => (inFlight = runRound()), checkEveryMs);
  };
  inFlight = runRound();

  return async () => {
    stopping = true;
    clearTimeout(timer);
    await inFlight;
  };
}
