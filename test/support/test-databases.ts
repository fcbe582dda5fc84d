// Each test file gets its own database, copied from one that the global setup migrated once:
// a PGlite snapshot in embedded mode, a template database on a PostgreSQL server.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres';

const migrationsFolder = path.join(__dirname, '..', '..', 'migrations');

/** Changes whenever a migration is added or edited, so a stale snapshot is never reused. */
export function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrationsFolder).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

// The global setup fixes the key for the whole run (through the environment, which test files inherit), so a
// migration added while the suite runs does not send later test files looking for a snapshot nobody made.
const runKey = () => (process.env.FRONTLINE_TEST_MIGRATIONS_KEY ??= migrationsKey());
export const snapshotPath = () => path.join(os.tmpdir(), `frontline-test-${runKey()}.tar`);
export const templateDatabaseName = () => `frontline_template_${runKey()}`;

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withAdminClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh, migrated database of this test file's own. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = serverUrl();
  if (url) {
    const copy = await copyTemplateDatabase(url);
    const dataSource = await createDataSource({ url: copy.url }, 5).initialize();
    return {
      dataSource,
      async close() {
        await dataSource.destroy();
        await copy.drop();
      },
    };
  }
  const embedded = await startEmbeddedFromSnapshot(2);
  const dataSource = await createDataSource(embedded, 1).initialize();
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded.stop();
    },
  };
}

/** A new database on the server, copied from the migrated template: its address, and how to drop it. */
export async function copyTemplateDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `frontline_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName()}`));
  return {
    url: urlForDatabase(url, name),
    drop: () => withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** An embedded database in this process, loaded from the migrated snapshot and served on a local port. */
export function startEmbeddedFromSnapshot(maxConnections: number): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ loadDataDir: new Blob([fs.readFileSync(snapshotPath())]), maxConnections });
}

/** An empty database with no migrations applied, for testing the migrations themselves. */
export async function openEmptyDatabase(): Promise<TestDatabase> {
  const url = serverUrl();
  if (url) {
    const name = `frontline_empty_${randomBytes(6).toString('hex')}`;
    await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${name}`));
    const dataSource = await createDataSource({ url: urlForDatabase(url, name) }, 5).initialize();
    return {
      dataSource,
      async close() {
        await dataSource.destroy();
        await withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ maxConnections: 2 });
  const dataSource = await createDataSource(embedded, 1).initialize();
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded.stop();
    },
  };
}
