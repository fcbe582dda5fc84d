// The whole app on a fresh database, served over HTTP on a free loopback port, for a real browser to use.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';

export interface JourneyApp extends TestApp {
  /** Where the browser reaches the app, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
}

export async function startJourneyApp(): Promise<JourneyApp> {
  // The server listens before the app exists, so the app can be told its own address (feed links are absolute).
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const testApp = await startTestApp({ publicUrl: baseUrl });
  server.on('request', testApp.app);
  return {
    ...testApp,
    baseUrl,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}
