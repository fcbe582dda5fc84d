// `npm run seed -- --employees N`: builds an organisation of N people in an empty database, in bulk.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { DateTime } from 'luxon';
import { hashPassword } from '../auth/passwords';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { inTransaction } from '../db/transaction';
import { demoPassword, seedOrganisation } from './organisation';

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
    const progress = new SingleBar({ format: 'Employees {bar} {value}/{total} ({percentage}%) {eta_formatted} left' }, Presets.shades_classic);
    progress.start(employees, 0);
    const started = performance.now();
    const passwordHash = await hashPassword(demoPassword);
    await inTransaction(database.dataSource, (manager) =>
      seedOrganisation(manager, { employees, today: DateTime.now(), passwordHash, randomSeed: Number(values.seed), onProgress: (n) => progress.update(n) }),
    );
    progress.stop();
    console.log(`Seeded ${employees} employees in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
