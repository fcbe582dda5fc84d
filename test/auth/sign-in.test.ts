import request from 'supertest';
import { buildEmployee } from '../support/factories';
import { csrfTokenFrom, csrfTokenIn, signIn, submitSignIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ loginThrottle: { maxFailuresPerAccount: 3, maxFailuresPerAddress: 1000, minutes: 15 } });
});
afterAll(() => t.close());

const sessionCookie = (cookies: string[] | string | undefined) =>
  ([] as string[]).concat(cookies ?? []).find((cookie) => cookie.startsWith('frontline.sid='))?.split(';')[0];

describe('signing in', () => {
  it('takes an employee to their home page, whatever case they typed the email in', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = request.agent(t.app);
    const response = await submitSignIn(agent, employee.email.toUpperCase(), 'correct horse battery staple');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/me');
    const home = await agent.get('/me');
    expect(home.status).toBe(200);
    expect(home.text).toContain(employee.fullName);
  });

  it('refuses a wrong password with a plain message and no session', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = request.agent(t.app);
    const response = await submitSignIn(agent, employee.email, 'not the password at all');
    expect(response.status).toBe(401);
    expect(response.text).toContain('That email and password do not match an active account.');
    expect((await agent.get('/me')).status).toBe(303);
  });

  it('gives an unknown email the same answer as a wrong password', async () => {
    const response = await submitSignIn(request.agent(t.app), 'nobody@example.test', 'whatever password');
    expect(response.status).toBe(401);
    expect(response.text).toContain('That email and password do not match an active account.');
  });

  it('shows the form again with messages when fields are missing', async () => {
    const response = await submitSignIn(request.agent(t.app), '', '');
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter your work email.');
    expect(response.text).toContain('Enter your password.');
  });

  it('refuses people whose employment has ended', async () => {
    const leaver = await buildEmployee(t.dataSource, { terminationDate: '2020-01-31' });
    const response = await submitSignIn(request.agent(t.app), leaver.email, 'correct horse battery staple');
    expect(response.status).toBe(401);
  });

  it('gives a new session id at sign-in, so a planted session is worthless', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in');
    const before = sessionCookie(form.headers['set-cookie']);
    expect(before).toBeDefined();
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), email: employee.email, password: 'correct horse battery staple' });
    const after = sessionCookie(response.headers['set-cookie']);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('returns to the page asked for, but never to another site', async () => {
    const employee = await buildEmployee(t.dataSource);
    const local = await submitSignIn(request.agent(t.app), employee.email, 'correct horse battery staple', '/about');
    expect(local.headers.location).toBe('/about');
    for (const target of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const response = await submitSignIn(request.agent(t.app), employee.email, 'correct horse battery staple', target);
      expect(response.headers.location).toBe('/me');
    }
  });

  it('marks the session cookie HttpOnly and SameSite', async () => {
    const response = await request(t.app).get('/sign-in');
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('frontline.sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });
});

describe('throttling', () => {
  it('answers 429 after repeated failures on one account, even with the right password', async () => {
    const employee = await buildEmployee(t.dataSource);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await submitSignIn(request.agent(t.app), employee.email, 'wrong password here')).status).toBe(401);
    }
    const blocked = await submitSignIn(request.agent(t.app), employee.email, 'correct horse battery staple');
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed sign-ins');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not hold one account’s failures against another account', async () => {
    const victim = await buildEmployee(t.dataSource);
    const other = await buildEmployee(t.dataSource);
    for (let attempt = 0; attempt < 3; attempt++) await submitSignIn(request.agent(t.app), victim.email, 'wrong password here');
    expect((await submitSignIn(request.agent(t.app), other.email, 'correct horse battery staple')).status).toBe(303);
  });
});

describe('throttling per address', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp({ loginThrottle: { maxFailuresPerAccount: 100, maxFailuresPerAddress: 4, minutes: 15 } });
  });
  afterAll(() => strict.close());

  it('blocks an address that tries many accounts', async () => {
    const target = await buildEmployee(strict.dataSource);
    for (let attempt = 0; attempt < 4; attempt++) {
      await submitSignIn(request.agent(strict.app), `guess${attempt}@example.test`, 'wrong password here');
    }
    expect((await submitSignIn(request.agent(strict.app), target.email, 'correct horse battery staple')).status).toBe(429);
  });
});

describe('signing out', () => {
  it('ends the session with a POST', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    const token = await csrfTokenFrom(agent, '/me');
    const response = await agent.post('/sign-out').type('form').send({ _csrf: token });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
    const after = await agent.get('/me');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/sign-in?next=%2Fme');
  });

  it('cannot be triggered by a GET', async () => {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    expect((await agent.get('/sign-out')).status).toBe(404);
    expect((await agent.get('/me')).status).toBe(200);
  });
});
