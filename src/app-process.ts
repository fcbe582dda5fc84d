// One process serving Frontline, alone or as a cluster worker: the app and its background jobs, and on SIGTERM or
// SIGINT a drain that finishes the requests in flight, stops the jobs, closes the database and exits.
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { buildApp } from './app';
import type { Config } from './config';
import type { Database } from './db/database';
import { startMailDelivery } from './invitations/mail-delivery';
import { startNoticeJobs } from './notices/notice-jobs';

/** Serves the app on the database until told to stop; gives the port once it listens. */
export async function serveApp(database: Database, config: Config, logger: Logger): Promise<number> {
  const app = buildApp({ dataSource: database.dataSource, config, logger });
  const stopJobs = [startMailDelivery(database.dataSource, config, logger), startNoticeJobs(database.dataSource, logger)];
  const server = await listen(app, config.port);
  stopWhenSignalled(server, stopJobs, database, logger);
  return (server.address() as AddressInfo).port;
}

function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function stopWhenSignalled(server: Server, stopJobs: (() => Promise<void>)[], database: Database, logger: Logger): void {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  // First in line, so the header is set before the app can answer.
  server.prependListener('request', (req, res: ServerResponse) => {
    // A request that still comes on an open keep-alive connection is served, and then its connection closes.
    if (stopping) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'finishing in-flight requests, then stopping');
    // Otherwise the connection of a request in flight would stay open, idle, for the keep-alive timeout after its answer.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    Promise.all([drained, ...stopJobs.map((stopJob) => stopJob())])
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'could not stop cleanly');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
