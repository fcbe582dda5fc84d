// A fresh, migrated database that app processes started by a test reach through DATABASE_URL: a copy of the
// template on the PostgreSQL server, or, for the embedded run, PGlite served from this test process over TCP.
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { embeddedPoolSize } from '../../src/db/database';
import { copyTemplateDatabase, serverUrl, startEmbeddedFromSnapshot } from '../support/test-databases';

export interface ProcessDatabase {
  /** Where app processes connect. */
  host: string;
  port: number;
  /** DATABASE_URL for an app process, to this database directly or through a proxy on `port`. */
  urlThrough(port?: number): string;
  /** DATABASE_POOL_SIZE for an app process: PGlite is one session and takes one connection at a time. */
  poolSize: string;
  /**
   * For the test's own reads and writes. On PGlite every connection shares one session, so use it only while no
   * app process is running, or the two would mix their transactions.
   */
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function openProcessDatabase(): Promise<ProcessDatabase> {
  const server = serverUrl();
  if (server) {
    const copy = await copyTemplateDatabase(server);
    const dataSource = await createDataSource({ url: copy.url }, 2).initialize();
    const address = new URL(copy.url);
    return {
      host: address.hostname,
      port: Number(address.port || 5432),
      urlThrough(port) {
        const url = new URL(copy.url);
        if (port) [url.hostname, url.port] = ['127.0.0.1', String(port)];
        return url.toString();
      },
      poolSize: '5',
      dataSource,
      async close() {
        await dataSource.destroy();
        await copy.drop();
      },
    };
  }
  // The test's connection, one app process's, and spares for connections still closing after a cut.
  const embedded = await startEmbeddedFromSnapshot(4);
  const dataSource = await createDataSource(embedded, 1).initialize();
  return {
    host: embedded.host,
    port: embedded.port,
    urlThrough: (port = embedded.port) => `postgres://postgres@127.0.0.1:${port}/postgres`,
    poolSize: String(embeddedPoolSize),
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded.stop();
    },
  };
}
