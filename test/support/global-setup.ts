// Migrates once for the whole run; each test file then copies the result (see test-databases.ts).
import 'reflect-metadata';
import fs from 'node:fs';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { serverUrl, snapshotPath, templateDatabaseName, urlForDatabase, withAdminClient } from './test-databases';

export default async function globalSetup(): Promise<void> {
  const url = serverUrl();
  if (url) return prepareTemplateDatabase(url);
  // The key is read once: a migration edited while this runs must not get the snapshot of its older text.
  const snapshot = snapshotPath();
  if (fs.existsSync(snapshot)) return;
  const embedded = await startEmbeddedPostgres({ maxConnections: 2 });
  try {
    const dataSource = await createDataSource(embedded, 1).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    const partial = `${snapshot}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.from(await (await embedded.dump()).arrayBuffer()));
    fs.renameSync(partial, snapshot);
  } finally {
    await embedded.stop();
  }
}

async function prepareTemplateDatabase(url: string): Promise<void> {
  const template = templateDatabaseName();
  const exists = await withAdminClient(url, async (client) => {
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'frontline\\_template\\_%' AND datname <> $1`, [template]);
    for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1;
  });
  if (exists) return;
  const building = `${template}_building_${process.pid}`;
  await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${building}`));
  const dataSource = await createDataSource({ url: urlForDatabase(url, building) }, 1).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  // Renamed only when complete, so an interrupted run never leaves a half-migrated template behind.
  await withAdminClient(url, (client) => client.query(`ALTER DATABASE ${building} RENAME TO ${template}`));
}
