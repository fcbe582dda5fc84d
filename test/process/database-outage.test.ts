// The database goes away while the app runs (a proxy between them is cut), then comes back.
import request from 'supertest';
import { buildHr, testPassword } from '../support/factories';
import { submitSignIn } from '../support/sessions';
import { killAppProcesses, startAppProcess, waitUntil, type AppProcess } from './app-processes';
import { openProcessDatabase, type ProcessDatabase } from './process-database';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

jest.setTimeout(120_000);

let database: ProcessDatabase;
let proxy: TcpProxy;
let app: AppProcess;
let hrName: string;
let hrEmail: string;

beforeAll(async () => {
  database = await openProcessDatabase();
  ({ fullName: hrName, email: hrEmail } = await buildHr(database.dataSource));
  proxy = await startTcpProxy(database);
  app = await startAppProcess({ DATABASE_URL: database.urlThrough(proxy.port), DATABASE_POOL_SIZE: database.poolSize });
});
afterAll(async () => {
  await killAppProcesses();
  await proxy?.close();
  await database?.close();
});

describe('PostgreSQL stopping while the app runs', () => {
  it('answers pages with a friendly 503, reports the database down on /readyz but not /healthz, and recovers by itself', async () => {
    const hr = request.agent(app.url);
    expect((await submitSignIn(hr, hrEmail, testPassword)).status).toBe(303);
    expect((await hr.get('/hr/employees')).status).toBe(200);

    await proxy.cut();

    const page = await hr.get('/hr/employees');
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('30');
    expect(page.text).toContain('Temporarily unavailable');
    expect(page.text).toContain('Frontline cannot reach its database just now');
    expect(page.text).not.toMatch(/ECONNREFUSED|Connection terminated|postgres|SELECT|\bat .+:\d+:\d+/i);
    const ready = await request(app.url).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', database: 'down' });
    expect((await request(app.url).get('/healthz')).status).toBe(200);

    await proxy.restore();

    // The pool opens new connections as requests come: the same process, never restarted, serves again.
    await waitUntil('the page to load again', async () => (await hr.get('/hr/employees')).status === 200);
    const again = await hr.get('/hr/employees');
    expect(again.text).toContain(hrName);
    expect((await request(app.url).get('/readyz')).body).toEqual({ status: 'ok', database: 'up' });
    expect(app.output().match(/Frontline is running at/g)).toHaveLength(1);
  });
});
