import { registeredRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('access rules', () => {
  it('finds the routes through the router itself', () => {
    const routes = registeredRoutes(t.app).map((route) => `${route.method} ${route.path}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /sign-in', 'POST /sign-in', 'POST /sign-out', 'GET /hr', 'GET /head', 'GET /me']));
  });

  it('gives every route an explicit rule about who may use it', () => {
    const withoutRule = registeredRoutes(t.app).filter((route) => !route.rule);
    expect(withoutRule).toEqual([]);
  });

  it('leaves only sign-in, sign-out, set-password links, calendar feeds (their token is the credential), the about page and the probes open to anonymous visitors', () => {
    const open = registeredRoutes(t.app)
      .filter((route) => route.rule?.kind === 'public')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(open).toEqual(['GET /', 'GET /about', 'GET /healthz', 'GET /readyz', 'GET /sign-in', 'POST /sign-in', 'POST /sign-out', 'GET /set-password/:token', 'POST /set-password/:token', 'GET /feeds/:token.ics'].sort());
  });
});
