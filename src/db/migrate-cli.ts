// `npm run migrate`: applies pending migrations and exits.
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from './database';

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
