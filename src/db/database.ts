// Opens the app's database: the PostgreSQL server at DATABASE_URL, or the embedded one in DATA_DIR.
import { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface Database {
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
}

// Larger pools corrupted statements under concurrent requests on PGlite (see shared/STACK-NOTES.md).
export const embeddedPoolSize = 1;

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>): Promise<Database> {
  if (config.databaseUrl) {
    const dataSource = await createDataSource({ url: config.databaseUrl }, config.databasePoolSize).initialize();
    return { dataSource, embedded: false, close: () => dataSource.destroy() };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: embeddedPoolSize + 1 });
  try {
    const dataSource = await createDataSource(embedded, embeddedPoolSize).initialize();
    return {
      dataSource,
      embedded: true,
      async close() {
        await dataSource.destroy();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
