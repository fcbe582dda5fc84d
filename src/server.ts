// Starts Frontline: opens the database, applies migrations, seeds the demo organisation into an empty one, listens;
// with WEB_CONCURRENCY > 1 it does the first three once, then forks that many workers (cluster.ts) that listen.
import 'reflect-metadata';
import cluster from 'node:cluster';
import { DateTime } from 'luxon';
import pino, { type Logger } from 'pino';
import { serveApp } from './app-process';
import { runWorkers } from './cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { DataFolderInUse } from './db/embedded-postgres';
import { ensureDemoOrganisation } from './seed/demo-organisation';
import { findDemoSignIns, type DemoSignIn } from './seed/demo-sign-ins';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  if (cluster.isWorker) {
    // The primary has migrated and seeded, and says where the app runs.
    await serveApp(await openDatabase(config), config, logger);
    return;
  }

  const database = await openDatabase(config);
  await prepareDatabase(database, config, logger);
  const signIns = await findDemoSignIns(database.dataSource);
  const databaseWhere = database.embedded ? config.dataDir : 'DATABASE_URL';
  if (config.webConcurrency === 1) {
    const port = await serveApp(database, config, logger);
    printWelcome(port, databaseWhere, signIns);
    return;
  }
  // Each worker opens a pool of its own; the primary keeps no connection.
  await database.close();
  runWorkers(config.webConcurrency, logger, (port) =>
    printWelcome(port, `${databaseWhere}, ${config.webConcurrency} worker processes`, signIns),
  );
}

async function prepareDatabase(database: Database, config: Config, logger: Logger): Promise<void> {
  const applied = await database.dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  if (config.demoSeed && (await ensureDemoOrganisation(database.dataSource, DateTime.now()))) {
    logger.info('created the demo organisation');
  }
}

function printWelcome(port: number, databaseWhere: string, signIns: DemoSignIn[]): void {
  const lines = [`Frontline is running at http://localhost:${port}/  (database: ${databaseWhere})`];
  if (signIns.length) {
    lines.push('Demo sign-ins:');
    for (const signIn of signIns) lines.push(`  ${signIn.email.padEnd(34)} ${signIn.password}   ${signIn.description}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataFolderInUse ? error.message : error);
  process.exit(1);
});
