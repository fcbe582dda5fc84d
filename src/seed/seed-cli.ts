// `npm run seed -- --employees N`: builds an organisation of N people in an empty database, in bulk.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { DateTime } from 'luxon';
import { hashPassword } from '../auth/passwords';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { inTransaction } from '../db/transaction';
import { demoPassword, seedOrganisation, type SeedStep } from './organisation';

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** One bar per step, and the time each step took once the next begins. */
class StepProgress {
  private bar = new SingleBar({ format: '{step} {bar} {value}/{total} ({percentage}%) {eta_formatted} left' }, Presets.shades_classic);
  private step: SeedStep | null = null;
  private stepStarted = 0;

  update = (step: SeedStep, done: number, total: number): void => {
    if (step !== this.step) {
      this.finish();
      this.step = step;
      this.stepStarted = performance.now();
      this.bar.start(total, 0, { step: step.padEnd(9) });
    }
    this.bar.setTotal(total);
    this.bar.update(done);
  };

  finish(): void {
    if (this.step === null) return;
    this.bar.stop();
    console.log(`  ${this.step}: ${seconds(this.stepStarted)} s`);
    this.step = null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { employees: { type: 'string', default: '200' }, seed: { type: 'string', default: '2026' } } });
  const employees = Number(values.employees);
  if (!Number.isInteger(employees) || employees < 12 || employees > 1_000_000) {
    throw new Error('--employees must be a whole number from 12 to 1000000.');
  }
  const database = await openDatabase(loadConfig());
  try {
    await database.dataSource.runMigrations({ transaction: 'each' });
    const [{ count }]: { count: number }[] = await database.dataSource.query('SELECT count(*)::int AS count FROM employees');
    if (count > 0) throw new Error(`The database already holds ${count} employees; seed an empty database.`);
    const progress = new StepProgress();
    const started = performance.now();
    const passwordHash = await hashPassword(demoPassword);
    await inTransaction(database.dataSource, (manager) =>
      seedOrganisation(manager, { employees, today: DateTime.now(), passwordHash, randomSeed: Number(values.seed), onProgress: progress.update }),
    );
    progress.finish();
    const [counts]: Record<string, number>[] = await database.dataSource.query(
      `SELECT (SELECT count(*)::int FROM absences) AS absences, (SELECT count(*)::int FROM assignments) AS rotations,
              (SELECT count(*)::int FROM shifts) AS shifts, (SELECT count(*)::int FROM insights) AS insights`,
    );
    const figures = Object.entries(counts).map(([name, n]) => `${n.toLocaleString('en')} ${name}`).join(', ');
    console.log(`Seeded ${employees.toLocaleString('en')} employees with ${figures} in ${seconds(started)} s.`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
