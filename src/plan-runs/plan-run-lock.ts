// Only one plan run at a time per organisation. Across app processes a PostgreSQL advisory lock decides; within
// one process a flag does, because the embedded database has a single shared connection, and advisory locks are
// re-entrant for the session that holds them.
import type { DataSource, EntityManager } from 'typeorm';
import { Conflict } from '../http/errors';

export const planRunLockKey = 7_310_042_026;
const runningIn = new WeakSet<DataSource>();

export class PlanRunInProgress extends Conflict {
  constructor() {
    super('A plan run is already in progress. Wait for it to finish, then look at its draft.');
  }
}

/** Runs `work` on a connection of its own while holding the plan-run lock, or throws PlanRunInProgress. */
export async function withPlanRunLock<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (runningIn.has(dataSource)) throw new PlanRunInProgress();
  runningIn.add(dataSource);
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    const [{ locked }] = await queryRunner.query('SELECT pg_try_advisory_lock($1) AS locked', [planRunLockKey]);
    if (!locked) throw new PlanRunInProgress();
    try {
      return await work(queryRunner.manager);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [planRunLockKey]);
    }
  } finally {
    await queryRunner.release();
    runningIn.delete(dataSource);
  }
}
