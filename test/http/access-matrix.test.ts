// Every route the app registers, tried by five people, each answered as its declared access rule says: a route added
// later is tried here too, so a rule that lets the wrong people in (or none that keeps them out) fails this file.
import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import type { AccessRule } from '../../src/http/access';
import type { Role } from '../../src/people/roles';
import { buildDepartment, buildEmployee, buildHead, buildHr } from '../support/factories';
import { registeredRoutes, type RegisteredRoute } from '../support/routes';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

interface Persona {
  name: string;
  roles: Role[] | null;
  departmentId: string | null;
  agent: Agent;
  csrfToken: string;
}

type Outcome = 'allowed' | 'sent to sign in' | 'unauthenticated' | 'forbidden';

let t: TestApp;
const personas: Persona[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const [departmentA, departmentB] = [await buildDepartment(t.dataSource), await buildDepartment(t.dataSource)];
  const people = [
    { name: 'employee', person: await buildEmployee(t.dataSource, { departmentId: departmentA.id }) },
    { name: 'head of department A', person: await buildHead(t.dataSource, { heads: [departmentA] }) },
    { name: 'head of department B', person: await buildHead(t.dataSource, { heads: [departmentB] }) },
    { name: 'HR', person: await buildHr(t.dataSource) },
  ];
  // The anonymous visitor sends a real token of its own session, so that the access rule, not CSRF, answers.
  const anonymous = request.agent(t.app);
  personas.push({ name: 'anonymous', roles: null, departmentId: null, agent: anonymous, csrfToken: await csrfTokenFrom(anonymous, '/sign-in') });
  for (const { name, person } of people) {
    const agent = await signIn(t.app, person.email);
    personas.push({ name, roles: person.roles, departmentId: person.departmentId, agent, csrfToken: await csrfTokenFrom(agent, '/me/password') });
  }
});
afterAll(() => t.close());

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

function expectedOutcome(rule: AccessRule | undefined, method: string, roles: Role[] | null): Outcome {
  if (rule?.kind === 'public') return 'allowed';
  if (!roles) return isRead(method) ? 'sent to sign in' : 'unauthenticated';
  if (rule?.kind === 'signed-in') return 'allowed';
  return rule?.roles.some((role) => roles.includes(role)) ? 'allowed' : 'forbidden';
}

function outcomeOf(response: Response): Outcome {
  if (response.status === 401) return 'unauthenticated';
  if (response.status === 403) return 'forbidden';
  if (response.status === 303 && String(response.headers.location).startsWith('/sign-in?next=')) return 'sent to sign in';
  return 'allowed';
}

// Routes about an object the person must own to use at all take the person's own; object-level refusals are
// proved in object-access.test.ts.
const ownObjectOf: Record<string, (persona: Persona) => string | null> = {
  '/head/calendar/:id/feed': (persona) => persona.departmentId,
};

// Elsewhere ids no row has: an allowed person gets "not found", never "forbidden". Tokens and table names are made up too.
function addressOf(path: string, persona: Persona): string {
  const own = ownObjectOf[path]?.(persona);
  if (own) return path.replace(':id', own);
  return path
    .replace(':token', 'no-such-token')
    .replace(':table', 'no-such-table')
    .replace(/:\w+/g, () => randomUUID());
}

// Signing out ends the persona's session, so it is tried after every other route.
const endsTheSession = (route: RegisteredRoute) => route.method === 'POST' && route.path === '/sign-out';

function send(persona: Persona, route: RegisteredRoute) {
  const address = addressOf(route.path, persona);
  if (isRead(route.method)) return persona.agent.get(address);
  return persona.agent[route.method.toLowerCase() as 'post'](address).type('form').send({ _csrf: persona.csrfToken });
}

describe('the access matrix', () => {
  // Guards the matrix itself: a router walk that found nothing would let every case below pass.
  it('covers every route the app registers', () => {
    expect(registeredRoutes(t.app).length).toBeGreaterThan(100);
  });

  it.each(['anonymous', 'employee', 'head of department A', 'head of department B', 'HR'])('answers the %s as each route’s rule says', async (name) => {
    const persona = personas.find((candidate) => candidate.name === name)!;
    const routes = registeredRoutes(t.app).sort((a, b) => Number(endsTheSession(a)) - Number(endsTheSession(b)));
    const wrong: string[] = [];
    for (const route of routes) {
      const expected = expectedOutcome(route.rule, route.method, persona.roles);
      const response = await send(persona, route);
      const actual = outcomeOf(response);
      if (actual !== expected) wrong.push(`${route.method} ${route.path}: expected ${expected}, got ${actual} (${response.status})`);
      expect(response.status).toBeLessThan(500);
    }
    expect(wrong).toEqual([]);
  });
});
