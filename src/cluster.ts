// WEB_CONCURRENCY > 1: this primary process forks the workers, which share the listening port (node:cluster hands
// each new connection to one of them). It replaces a worker that dies unexpectedly; on SIGTERM or SIGINT it asks
// every worker to drain (each stops as app-process.ts does alone) and exits once they all have.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A worker that died before it ever listened would likely die again at once (the database is down, say). */
const retryFailedStartAfterMs = 5_000;

/** Forks `count` workers; calls `onListening` with the shared port when the first of them listens. */
export function runWorkers(count: number, logger: Logger, onListening: (port: number) => void): void {
  const running = new Set<Worker>();
  const listened = new WeakSet<Worker>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  let announced = false;
  let stopping = false;
  let allStoppedCleanly = true;

  const fork = () => running.add(cluster.fork());

  cluster.on('listening', (worker, address) => {
    listened.add(worker);
    if (announced) return;
    announced = true;
    onListening(address.port);
  });

  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      // A worker still starting has no handler for the SIGTERM sent to it, and ends by the signal itself.
      allStoppedCleanly &&= code === 0 || signal === 'SIGTERM';
      if (!running.size) process.exit(allStoppedCleanly ? 0 : 1);
      return;
    }
    const delay = listened.has(worker) ? 0 : retryFailedStartAfterMs;
    logger.error({ worker: worker.process.pid, code, signal, restartInMs: delay }, 'a worker stopped unexpectedly; starting another');
    const restart = setTimeout(() => {
      pendingRestarts.delete(restart);
      fork();
    }, delay);
    pendingRestarts.add(restart);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'asking the workers to finish their requests, then stopping');
    for (const restart of pendingRestarts) clearTimeout(restart);
    if (!running.size) process.exit(0);
    for (const worker of running) worker.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  for (let started = 0; started < count; started += 1) fork();
}
