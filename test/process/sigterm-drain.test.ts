// SIGTERM (a deploy, a scale-down) lets the requests in flight finish, refuses new connections, and exits cleanly.
import request from 'supertest';
import { buildHr, testPassword } from '../support/factories';
import { submitSignIn } from '../support/sessions';
import { acceptsConnections, killAppProcesses, startAppProcess, waitUntil, type AppProcess } from './app-processes';
import { openProcessDatabase, type ProcessDatabase } from './process-database';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

jest.setTimeout(120_000);

let database: ProcessDatabase;
let proxy: TcpProxy;
let app: AppProcess;
let hr: { fullName: string; email: string };

beforeAll(async () => {
  database = await openProcessDatabase();
  hr = await buildHr(database.dataSource);
  proxy = await startTcpProxy(database);
  // One pooled connection, already open when the proxy holds it: the slow request waits on its query, not on connecting.
  app = await startAppProcess({ DATABASE_URL: database.urlThrough(proxy.port), DATABASE_POOL_SIZE: '1' });
});
afterAll(async () => {
  await killAppProcesses();
  await proxy?.close();
  await database?.close();
});

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new connections meanwhile, and exits with code 0', async () => {
    const agent = request.agent(app.url);
    expect((await submitSignIn(agent, hr.email, testPassword)).status).toBe(303);
    const port = Number(new URL(app.url).port);

    // The database is slow to answer: the page's queries wait in the proxy.
    proxy.hold();
    let answered = false;
    const slowPage = agent.get('/hr/employees').then((response) => {
      answered = true;
      return response;
    });
    await waitUntil('the page to be waiting on the database', () => proxy.heldBytes() > 0);

    app.signal('SIGTERM');
    await waitUntil('the app to stop accepting connections', async () => !(await acceptsConnections(port)));
    expect(answered).toBe(false);

    proxy.release();
    const page = await slowPage;
    expect(page.status).toBe(200);
    expect(page.text).toContain(hr.fullName);
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.output()).not.toMatch(/"level":(50|60)/);
  });
});
