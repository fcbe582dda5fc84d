import request from 'supertest';
import { buildEmployee } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('CSRF protection', () => {
  it('refuses a sign-in form posted without its token', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = request.agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post('/sign-in').type('form').send({ email: employee.email, password: 'correct horse battery staple' });
    expect(response.status).toBe(403);
    expect(response.text).toContain('This form has expired');
    expect((await agent.get('/me')).status).toBe(303);
  });

  it('refuses a state change with a token from another session', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    const otherToken = /name="_csrf" value="([^"]+)"/.exec((await request.agent(t.app).get('/sign-in')).text)![1];
    const response = await agent.post('/sign-out').type('form').send({ _csrf: otherToken });
    expect(response.status).toBe(403);
    expect((await agent.get('/me')).status).toBe(200);
  });
});

describe('error pages', () => {
  it('answers an unknown address with the custom 404 page', async () => {
    const response = await request(t.app).get('/no/such/page');
    expect(response.status).toBe(404);
    expect(response.text).toContain('There is nothing at this address.');
    expect(response.text).toContain('<title>Not found · Frontline</title>');
  });

  it('answers an oversized form with 413 and no internals', async () => {
    const response = await request(t.app).post('/sign-in').type('form').send({ email: 'x'.repeat(300_000) });
    expect(response.status).toBe(413);
    expect(response.text).toContain('What you sent is too large.');
    expect(response.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('headers', () => {
  it('sends a CSP without unsafe-inline, hides the framework and tags the request', async () => {
    const response = await request(t.app).get('/about');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness and readiness', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(t.app).get('/readyz')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
