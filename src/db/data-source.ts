import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from './entities';

export type ConnectionTarget = { url: string } | { host: string; port: number };

export const migrationsGlob = path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

export function createDataSource(target: ConnectionTarget, poolSize: number): DataSource {
  const connection =
    'url' in target
      ? { url: target.url }
      : { host: target.host, port: target.port, username: 'postgres', database: 'postgres' };
  return new DataSource({
    type: 'postgres',
    ...connection,
    entities,
    migrations: [migrationsGlob],
    migrationsTableName: 'migrations',
    synchronize: false,
    poolSize,
    // pg-pool's connectionTimeoutMillis: bounds both opening a connection and waiting for a free one, so while the
    // database is unreachable or the pool is exhausted a request fails (503, see connection-errors.ts) instead of
    // hanging. TypeORM listens for the pool's 'error' event, so a pooled connection that dies does not stop the process.
    connectTimeoutMS: 10_000,
    extra: { application_name: 'frontline' },
  });
}
