// PGlite served over the PostgreSQL wire protocol, so the app uses the same `pg` driver as against a server.
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// pglite's export map points require() at ESM typings for its contrib modules, so TypeScript refuses a plain import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

export interface EmbeddedPostgres {
  host: string;
  port: number;
  /** A snapshot of the whole database, loadable with `loadDataDir`. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder to persist to; omitted means in memory. */
  dataDir?: string;
  /** A snapshot made by `dump()` to start from. */
  loadDataDir?: Blob;
  /** Client connections the socket server accepts: the app's pool plus one spare. */
  maxConnections: number;
}

export class DataFolderInUse extends Error {}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const releaseLock = options.dataDir ? await lockDataFolder(options.dataDir) : async () => {};
  try {
    const db = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm },
    });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    return {
      host,
      port: Number(port),
      dump: () => db.dumpDataDir('none'),
      async stop() {
        await server.stop();
        await db.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

// PGlite has no lock between processes, and two processes on one folder silently lose writes.
async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: `${path.resolve(dataDir)}.lock`, retries: 0 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DataFolderInUse(
        `The data folder ${dataDir} is in use by another Frontline process. Stop it, or set DATA_DIR to another folder.`,
      );
    }
    throw error;
  }
}
