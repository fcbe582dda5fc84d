// WEB_CONCURRENCY=2: one primary process and two node:cluster workers sharing the port and the PostgreSQL server.
import http from 'node:http';
import { serverUrl } from '../support/test-databases';
import { killAppProcesses, startAppProcess, waitUntil, type AppProcess } from './app-processes';
import { openProcessDatabase, type ProcessDatabase } from './process-database';

jest.setTimeout(120_000);

let database: ProcessDatabase;
let app: AppProcess;

/** One request on a connection of its own, as from a new visitor: the primary hands each connection to a worker. */
function getOnNewConnection(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const asking = http.get(`${app.url}${path}`, { agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    });
    asking.on('timeout', () => asking.destroy(new Error(`No answer to ${path}`))).on('error', reject);
  });
}

/** The processes that logged answering `/healthz`: each request's log line carries its process id. */
const processesThatAnswered = () =>
  new Set(app.logLines().filter((line) => (line.req as { url?: string } | undefined)?.url === '/healthz').map((line) => line.pid as number));

/** Asks until some process outside `known` has answered (the round-robin comes to every listening worker). */
async function waitForAnswerFromANewProcess(known: Set<number>): Promise<number> {
  let newcomer: number | undefined;
  await waitUntil('a request answered by another worker', async () => {
    expect(await getOnNewConnection('/healthz')).toBe(200);
    newcomer = [...processesThatAnswered()].find((pid) => !known.has(pid));
    return newcomer !== undefined;
  });
  return newcomer!;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const describeOnServer = serverUrl() ? describe : describe.skip;

describeOnServer('WEB_CONCURRENCY=2 (server only: the embedded database refuses more than one process)', () => {
  beforeAll(async () => {
    database = await openProcessDatabase();
    // Request logs (info) say which process answered; nothing in the responses does.
    app = await startAppProcess({ DATABASE_URL: database.urlThrough(), DATABASE_POOL_SIZE: database.poolSize, WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await killAppProcesses();
    await database?.close();
  });

  it('serves from two worker processes, replaces a worker that dies, and stops all of them on SIGTERM', async () => {
    expect(app.output()).toContain('(database: DATABASE_URL, 2 worker processes)');
    const first = await waitForAnswerFromANewProcess(new Set());
    const second = await waitForAnswerFromANewProcess(new Set([first]));
    expect(new Set([first, second, app.pid]).size).toBe(3);

    process.kill(first, 'SIGKILL');
    // Until the primary hears of the death, it may still hand a new connection to the dead worker, which loses it.
    const deathReported = (line: Record<string, unknown>) => line.pid === app.pid && line.worker === first && line.signal === 'SIGKILL';
    await waitUntil('the primary to notice the dead worker', () => app.logLines().some(deathReported));
    const replacement = await waitForAnswerFromANewProcess(new Set([first, second]));
    expect(isRunning(first)).toBe(false);
    expect(app.logLines().find(deathReported)?.msg).toBe('a worker stopped unexpectedly; starting another');
    expect(await Promise.all([1, 2, 3, 4].map(() => getOnNewConnection('/healthz')))).toEqual([200, 200, 200, 200]);
    expect(app.output().match(/Frontline is running at/g)).toHaveLength(1);

    app.signal('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect([second, replacement].filter(isRunning)).toEqual([]);
  });
});
