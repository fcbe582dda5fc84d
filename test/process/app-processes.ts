// Starts Frontline as `npm start` does (node with tsx, src/server.ts), as a separate process, and reads what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const projectRoot = path.join(__dirname, '..', '..');
const startupLimitMs = 90_000;

export interface AppProcess {
  /** http://127.0.0.1:PORT, the port from the welcome line. */
  url: string;
  pid: number;
  /** Everything the process has printed so far, stdout and stderr. */
  output(): string;
  /** pino's JSON lines among the output. */
  logLines(): Record<string, unknown>[];
  signal(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();

/** Starts the app with `env` over a test's defaults (PORT=0: cluster workers share the port the first one gets). */
export async function startAppProcess(env: { DATABASE_URL: string } & Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server.ts')], {
    cwd: projectRoot,
    // Only what node needs from this process's environment: every setting of the app is the test's choice.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      PORT: '0',
      WEB_CONCURRENCY: '1',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      SESSION_SECRET: 'a-session-secret-shared-by-every-test-process',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      started.delete(child);
      resolve({ code, signal });
    }),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app did not start within ${startupLimitMs} ms:\n${output}`)), startupLimitMs);
    const lookForWelcome = () => {
      const welcome = /Frontline is running at http:\/\/localhost:(\d+)\//.exec(output);
      if (!welcome) return;
      clearTimeout(timer);
      child.stdout!.off('data', lookForWelcome);
      resolve(Number(welcome[1]));
    };
    child.stdout!.on('data', lookForWelcome);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The app stopped (${code ?? signal}) before it started:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    signal: (signal) => child.kill(signal),
    exited,
  };
}

/** For afterAll: ends whatever a test left running (a cluster's workers end with their primary). */
export async function killAppProcesses(): Promise<void> {
  await Promise.all(
    [...started].map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return gone;
    }),
  );
}

/** Whether a new TCP connection to the port is accepted. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Checks `condition` until it holds; fails with `what` if it has not after a generous while. */
export async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
