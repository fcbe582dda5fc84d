// Starts Frontline: opens the database, applies migrations, seeds the demo organisation into an empty one, listens.
import 'reflect-metadata';
import { DateTime } from 'luxon';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { DataFolderInUse } from './db/embedded-postgres';
import { startMailDelivery } from './invitations/mail-delivery';
import { startNoticeJobs } from './notices/notice-jobs';
import { ensureDemoOrganisation } from './seed/demo-organisation';
import { findDemoSignIns } from './seed/demo-sign-ins';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase(config);
  const applied = await database.dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  if (config.demoSeed && (await ensureDemoOrganisation(database.dataSource, DateTime.now()))) {
    logger.info('created the demo organisation');
  }

  const app = buildApp({ dataSource: database.dataSource, config, logger });
  const stopMailDelivery = startMailDelivery(database.dataSource, config, logger);
  const stopNoticeJobs = startNoticeJobs(database.dataSource, logger);
  const server = app.listen(config.port, () => {
    void printWelcome(database.dataSource, config.port, database.embedded ? config.dataDir : 'DATABASE_URL');
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'finishing in-flight requests, then stopping');
    server.close(() => {
      Promise.all([stopMailDelivery(), stopNoticeJobs()])
        .then(() => database.close())
        .then(() => process.exit(0), () => process.exit(1));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function printWelcome(dataSource: Parameters<typeof findDemoSignIns>[0], port: number, databaseWhere: string): Promise<void> {
  const signIns = await findDemoSignIns(dataSource);
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
