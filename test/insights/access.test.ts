import { registeredRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('who may use the insight routes', () => {
  it('keeps every insight route for signed-in people, HR’s lists for HR and merging for heads and HR', () => {
    const rules = Object.fromEntries(
      registeredRoutes(t.app)
        .filter((route) => /^\/(insights|me\/insights|hr\/insight-lists)/.test(route.path))
        .map((route) => [`${route.method} ${route.path}`, route.rule]),
    );
    expect(Object.values(rules).every((rule) => rule && rule.kind !== 'public')).toBe(true);
    expect(rules['GET /me/insights/new']).toEqual({ kind: 'signed-in' });
    expect(rules['GET /insights/similar']).toEqual({ kind: 'signed-in' });
    expect(rules['POST /insights/:id/merge']).toEqual({ kind: 'roles', roles: ['head', 'hr'] });
    for (const [route, rule] of Object.entries(rules)) if (route.includes('/hr/insight-lists')) expect(rule).toEqual({ kind: 'roles', roles: ['hr'] });
  });
});
