// `npm run bench:http`: loads each key page with autocannon (32 connections, 20 s each, signed in), each right after a baseline
// page of 12 rows in the same layout, on an organisation seeded with `npm run seed`, and reports requests/s, latency
// percentiles, the ratio to the baseline, the statements each page sends and any sequential scan of a large table in
// their plans, and the server's peak memory. Runs the app as `npm start` does, once per WEB_CONCURRENCY given.
//
//   npx tsx bench/http/key-pages.ts [--database-url URL | --data-dir DIR] [--seconds 20] [--connections 32] [--workers 1,2]
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { actorOf } from '../../src/audit/audit-log';
import { openDatabase } from '../../src/db/database';
import { createPlanRun } from '../../src/plan-runs/plan-runs.service';
import { demoPassword } from '../../src/seed/organisation';
import { findKeyPageTargets, keyPages, type KeyPage, type KeyPageTargets, type Persona } from '../../test/support/key-pages';
import { explainKeyPages } from './explain-pages';
import { signInOverHttp, type HttpSession } from './http-session';

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/frontline_bench' },
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    workers: { type: 'string', default: '1,2' },
    port: { type: 'string', default: '3917' },
    /** Only the pages whose names contain one of these (comma-separated, any case); the baseline always runs. */
    pages: { type: 'string' },
    /** A folder for V8 CPU profiles of the app's processes (node --cpu-prof), written when the app stops. */
    'cpu-prof': { type: 'string' },
  },
});
const seconds = Number(options.seconds);
const baselineSeconds = Math.max(3, Math.round(seconds / 4));
const connections = Number(options.connections);
const port = Number(options.port);
const baseUrl = `http://127.0.0.1:${port}`;
const embedded = options['data-dir'] !== undefined;

interface PageFigures {
  page: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** The baseline's requests/s measured just before this page. */
  baselinePerSecond?: number;
}

function percentile(sorted: number[], share: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] : NaN;
}

/** One autocannon run against one page; latencies are kept per response so that p95 can be read exactly. */
async function loadPage(page: KeyPage, session: HttpSession, duration: number): Promise<PageFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { url: baseUrl, connections, duration, headers: { cookie: session.cookie }, requests: page.paths.map((path) => ({ method: 'GET', path })) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on('response', (_client: unknown, statusCode: number, _bytes: number, milliseconds: number) => {
    latencies.push(milliseconds);
    if (statusCode !== 200) errors++;
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  return {
    page: page.name,
    requests: latencies.length,
    perSecond: latencies.length / duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: errors + result.errors + result.timeouts,
  };
}

function startServer(workers: number): ChildProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const environment: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    WEB_CONCURRENCY: String(workers),
    DEMO_SEED: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // Behind a TLS-terminating balancer, as in production; over plain HTTP the cookie is then sent without Secure.
    TRUST_PROXY: 'true',
    SESSION_SECRET: 'benchmark-session-secret-of-at-least-32-characters',
    ...(embedded ? { DATA_DIR: options['data-dir'] } : { DATABASE_URL: options['database-url'] }),
  };
  const profiling = options['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', options['cpu-prof']] : [];
  return spawn(process.execPath, [...profiling, '--import', 'tsx', 'src/server.ts'], { env: environment, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitUntilReady(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The app did not become ready within two minutes.');
}

/**
 * A run leaves requests queued in the app after its clients stop (a slow page's queue takes seconds to drain), and
 * workers run their first round of background jobs when they start: wait until one baseline request is quick again.
 */
async function waitUntilQuiet(session: HttpSession): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${baseUrl}/baseline`, { headers: { cookie: session.cookie } }).then((response) => response.text());
    if (performance.now() - started < 25) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The server and its workers' peak resident memory, from the kernel's high-water marks. */
function peakMemory(server: ChildProcess): { process: string; megabytes: number }[] {
  const pids = [server.pid!, ...readChildren(server.pid!)];
  return pids.map((pid, index) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return { process: index === 0 ? (pids.length > 1 ? 'primary' : 'app') : `worker ${index}`, megabytes: Math.round(kilobytes / 1024) };
  });
}

function readChildren(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

function formatRow(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const workerCounts = options.workers.split(',').map(Number);
  if (embedded) workerCounts.splice(0, workerCounts.length, 1);
  const results: { workers: number; pages: PageFigures[]; memory: ReturnType<typeof peakMemory> }[] = [];
  const targets = await withDatabase(prepareTargets);
  const pages = chosenPages(keyPages(targets));

  for (const workers of workerCounts) {
    const server = startServer(workers);
    try {
      await waitUntilReady();
      const sessions = {} as Record<Persona, HttpSession>;
      for (const persona of ['employee', 'head', 'hr'] as const) sessions[persona] = await signInOverHttp(baseUrl, targets.emails[persona], demoPassword);

      // Warm-up: every page's code compiled, its plans and kept figures made, before any page is measured.
      for (const page of pages) await loadPage(page, sessions[page.persona], 3);
      // Each page is measured right after a run of the baseline, so that its ratio holds even when the machine's
      // load drifts during the benchmark (the baseline's own row is the first of those runs).
      const [baselinePage, ...keyPagesOnly] = pages;
      const figures: PageFigures[] = [];
      for (const page of keyPagesOnly) {
        await waitUntilQuiet(sessions[baselinePage.persona]);
        const baseline = await loadPage(baselinePage, sessions[baselinePage.persona], baselineSeconds);
        const measured = await loadPage(page, sessions[page.persona], seconds);
        console.log(`${workers} worker(s) · ${page.name}: ${measured.perSecond.toFixed(0)} req/s (baseline ${baseline.perSecond.toFixed(0)}), p95 ${measured.p95} ms, ${measured.errors} errors`);
        if (!figures.length) figures.push(baseline);
        figures.push({ ...measured, baselinePerSecond: baseline.perSecond });
      }
      results.push({ workers, pages: figures, memory: peakMemory(server) });
    } finally {
      await stopServer(server);
    }
  }

  console.log(`\n${connections} connections, ${seconds} s a page, ${embedded ? `embedded database in ${options['data-dir']}` : 'PostgreSQL server'}\n`);
  for (const { workers, pages: figures, memory } of results) {
    console.log(`WEB_CONCURRENCY=${workers}\n`);
    console.log(formatRow(['Page', 'Requests/s', 'Baseline req/s just before', 'Ratio to baseline', 'p50 ms', 'p95 ms', 'p99 ms', 'Non-200']));
    console.log(formatRow(['---', '---', '---', '---', '---', '---', '---', '---']));
    for (const page of figures) {
      const baseline = page.baselinePerSecond ?? page.perSecond;
      const ms = (value: number) => value.toFixed(0);
      console.log(formatRow([page.page, page.perSecond.toFixed(0), baseline.toFixed(0), (page.perSecond / baseline).toFixed(2), ms(page.p50), ms(page.p95), ms(page.p99), page.errors]));
    }
    console.log(`\nPeak RSS: ${memory.map((m) => `${m.process} ${m.megabytes} MB`).join(', ')}\n`);
  }
  if (results.length > 1) {
    console.log(formatRow(['Page', ...results.map((r) => `${r.workers} worker(s) req/s`), `Ratio ${results[results.length - 1].workers}:${results[0].workers}`]));
    console.log(formatRow(['---', ...results.map(() => '---'), '---']));
    results[0].pages.forEach((page, index) => {
      const perSecond = results.map((r) => r.pages[index].perSecond);
      console.log(formatRow([page.page, ...perSecond.map((n) => n.toFixed(0)), (perSecond[perSecond.length - 1] / perSecond[0]).toFixed(2)]));
    });
  }

  if (!embedded) {
    console.log('\nStatements per page and sequential scans of large tables (EXPLAIN ANALYZE of every read each page sends)\n');
    const explained = await withDatabase((dataSource) => explainKeyPages(dataSource, pages, targets));
    console.log(formatRow(['Page', 'Statements', 'PostgreSQL ms (reads, one request)', 'Sequential scans of large tables']));
    console.log(formatRow(['---', '---', '---', '---']));
    for (const page of explained) console.log(formatRow([page.page, page.statements, page.databaseMs.toFixed(1), page.largeSeqScans.join(', ') || 'none']));
  }
}

function chosenPages(pages: KeyPage[]): KeyPage[] {
  const wanted = options.pages?.toLowerCase().split(',');
  if (!wanted) return pages;
  const [baseline, ...rest] = pages;
  return [baseline, ...rest.filter((page) => wanted.some((word) => page.name.toLowerCase().includes(word)))];
}

/**
 * Opens the benchmark's database in this process (before the app holds it: the embedded one admits one process),
 * makes sure a draft plan run exists for the preview page, and finds who signs in and the pages' ids.
 */
async function withDatabase<T>(action: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: embedded ? undefined : options['database-url'], dataDir: options['data-dir'] ?? '', databasePoolSize: 2 });
  try {
    return await action(database.dataSource);
  } finally {
    await database.close();
  }
}

async function prepareTargets(dataSource: DataSource): Promise<KeyPageTargets> {
  const [draft] = await dataSource.query(`SELECT id FROM plan_runs WHERE status = 'draft' LIMIT 1`);
  if (!draft) {
    console.log('Planning 52 weeks as HR, for the plan preview page ...');
    const [hr] = await dataSource.query(`SELECT id, full_name AS "fullName" FROM employees WHERE 'hr' = ANY (roles) ORDER BY email LIMIT 1`);
    await createPlanRun(dataSource, actorOf(hr), { today: DateTime.now().toISODate()!, horizonWeeks: 52, replanPublished: false });
  }
  return findKeyPageTargets(dataSource);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
