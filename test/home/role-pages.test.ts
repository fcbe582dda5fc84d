import request from 'supertest';
import { buildEmployee, buildHead, buildHr } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const pages = { employee: '/me', head: '/head', hr: '/hr' } as const;

describe('each role’s home page', () => {
  it.each([
    ['employee', ['/me'], ['/head', '/hr']],
    ['head', ['/me', '/head'], ['/hr']],
    ['hr', ['/me', '/hr'], ['/head']],
  ] as const)('%s sees its own pages and gets 403 on the others', async (role, allowed, denied) => {
    const person =
      role === 'hr' ? await buildHr(t.dataSource) : role === 'head' ? await buildHead(t.dataSource) : await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, person.email);
    for (const path of allowed) expect((await agent.get(path)).status).toBe(200);
    for (const path of denied) {
      const response = await agent.get(path);
      expect(response.status).toBe(403);
      expect(response.text).toContain('Your roles do not give access to this page.');
    }
  });

  it('signs each role in to its own home', async () => {
    const hr = await buildHr(t.dataSource);
    const head = await buildHead(t.dataSource);
    expect((await request.agent(t.app).get('/')).headers.location).toBe('/sign-in');
    for (const [person, home] of [
      [hr, pages.hr],
      [head, pages.head],
    ] as const) {
      const agent = await signIn(t.app, person.email);
      expect((await agent.get('/')).headers.location).toBe(home);
    }
  });

  it('shows each role only the navigation it may use', async () => {
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    const employeePage = (await employee.get('/me')).text;
    expect(employeePage).toContain('href="/me"');
    expect(employeePage).not.toContain('href="/hr"');
    expect(employeePage).not.toContain('href="/head"');
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    expect((await hr.get('/hr')).text).toContain('href="/hr"');
  });

  it('sends anonymous visitors to sign in, and back afterwards', async () => {
    const response = await request(t.app).get('/hr');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fhr');
  });

  it('explains the programme to anyone', async () => {
    const response = await request(t.app).get('/about');
    expect(response.status).toBe(200);
    expect(response.text).toContain('every new hire starts there');
  });
});
