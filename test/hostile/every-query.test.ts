// Every query parameter the app's pages link to, and every id in an address, replaced by hostile values: filters,
// weeks, cursors, sort keys and ids that are not what the page expects get the page without them or a clear 4xx,
// never a server error or live markup. The addresses come from walking the app, so a new parameter is tried too.
import request from 'supertest';
import { registeredRoutes } from '../support/routes';
import type { Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { answerOf, problemsWith } from './form-attacks';
import { buildHostileOrganisation, type HostileOrganisation } from './hostile-organisation';
import { markupAndQuotes, nulByte, overlong, sqlFragments } from './hostile-values';
import { addressPattern, routePattern, walkSite } from './page-forms';

let t: TestApp;
let org: HostileOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildHostileOrganisation(t);
});
afterAll(() => t.close());

const sweepTimeout = 300_000;

// One of each kind: the targeted tests try the rest of each list on the parameters that take them.
const queryValues: (string | string[])[] = [markupAndQuotes, sqlFragments[0], '%', '\\', overlong, nulByte, '1e308', '-1', 'NaN', '2026-02-30', 'yesterday', '2026-W54', ['1', '2']];

// Ids and tokens in addresses: markup, SQL, a path that climbs out, a NUL, a number where a uuid goes.
const segmentValues = [markupAndQuotes, "' OR 1=1 --", '..%2F..%2Fetc%2Fpasswd', '%00', '-1', '1e308', 'x'.repeat(5_000)];
const idPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

type PersonaName = 'employee' | 'head' | 'hr';
const walks = new Map<PersonaName | 'anonymous', Promise<string[]>>();

// Where each walk starts: the home page, and the pages no link leads to.
const startPages = (): Record<PersonaName | 'anonymous', string[]> => ({
  anonymous: ['/sign-in', '/about'],
  employee: ['/', '/me/profile', '/baseline', '/insights/similar?summary=phone+menu'],
  head: ['/'],
  hr: ['/', ...org.extraHrPages],
});

/** Every address the persona reaches by links and forms from their start pages, walked once per file. */
function addressesOf(name: PersonaName | 'anonymous'): Promise<string[]> {
  if (!walks.has(name)) {
    const agent = name === 'anonymous' ? request.agent(t.app) : org[name].agent;
    walks.set(name, walkSite(agent, startPages()[name], { skip: (address) => address === '/sign-out' }).then((site) => site.visits.map((visit) => visit.address)));
  }
  return walks.get(name)!;
}

function withParameter(address: string, name: string, value: string | string[]): string {
  const [path, query] = address.split('?');
  const parameters = new URLSearchParams(query);
  parameters.delete(name);
  for (const item of [value].flat()) parameters.append(name, item);
  return `${path}?${parameters}`;
}

async function attackQueries(name: PersonaName): Promise<string[]> {
  const agent = org[name].agent;
  const addresses = (await addressesOf(name)).filter((address) => address.includes('?'));
  const problems: string[] = [];
  const tried = new Set<string>();
  for (const address of addresses) {
    for (const name of new URLSearchParams(address.split('?')[1]).keys()) {
      const shape = `${addressPattern(address)}?${name}`;
      if (tried.has(shape)) continue;
      tried.add(shape);
      for (const value of queryValues) {
        const response = await agent.get(withParameter(address, name, value));
        for (const problem of problemsWith(answerOf(response))) problems.push(`GET ${shape} = ${JSON.stringify(value).slice(0, 40)}: ${problem}`);
      }
    }
  }
  expect(tried.size).toBeGreaterThan(0);
  return problems;
}

async function attackIds(name: PersonaName): Promise<string[]> {
  const agent = org[name].agent;
  const csrf = await csrfOf(agent);
  const pages = (await addressesOf(name)).map((address) => address.split('?')[0]);
  const withIds = [...new Map(pages.filter((page) => idPattern.test(page)).map((page) => [addressPattern(page), page])).values()];
  const problems: string[] = [];
  for (const page of withIds) {
    for (const value of segmentValues) {
      const address = page.replace(idPattern, encodeURIComponent(value).replace(/%25/g, '%'));
      const response = await agent.get(address);
      if (response.status < 400) problems.push(`GET ${addressPattern(page)} with ${JSON.stringify(value).slice(0, 30)} as its id: answered ${response.status}`);
      for (const problem of problemsWith(answerOf(response))) problems.push(`GET ${addressPattern(page)} with ${JSON.stringify(value).slice(0, 30)} as its id: ${problem}`);
    }
  }
  for (const value of segmentValues) {
    const posted = await agent.post(`/hr/desks/${encodeURIComponent(value)}/archive`).type('form').send({ _csrf: csrf });
    for (const problem of problemsWith(answerOf(posted))) problems.push(`POST with ${JSON.stringify(value).slice(0, 30)} as its id: ${problem}`);
  }
  expect(withIds.length).toBeGreaterThan(0);
  return problems;
}

const csrfOf = async (agent: Agent) => /name="_csrf" value="([^"]+)"/.exec((await agent.get('/about')).text)![1];

// Addresses no walk visits: each is tried on its own below, or takes nothing.
const unwalked: Record<string, string> = {
  '/feeds/:token.ics': 'its address is shown once; tried below with hostile tokens',
  '/set-password/:token': 'reached from an email; tried below with hostile tokens',
  '/healthz': 'for the load balancer, takes nothing',
  '/readyz': 'for the load balancer, takes nothing',
};

describe('hostile values in every query parameter', () => {
  // A page no walk reaches would have its parameters tried by nobody.
  it('reaches every page the app registers', async () => {
    const visited: string[] = [];
    for (const name of ['anonymous', 'employee', 'head', 'hr'] as const) visited.push(...(await addressesOf(name)).map((address) => address.split('?')[0]));
    const unreached = registeredRoutes(t.app)
      .filter((route) => route.method === 'GET' && !unwalked[route.path])
      .filter((route) => !visited.some((address) => routePattern(route.path).test(address)))
      .map((route) => route.path);
    expect(unreached).toEqual([]);
  }, sweepTimeout);

  it.each(['employee', 'head', 'hr'] as const)('as the %s', async (name) => {
    expect(await attackQueries(name)).toEqual([]);
  }, sweepTimeout);

  it('in the outbox’s cursor, which only a long outbox links to', async () => {
    const problems: string[] = [];
    for (const value of queryValues) {
      const response = await org.hr.agent.get(withParameter('/hr/outbox', 'before', value));
      for (const problem of problemsWith(answerOf(response))) problems.push(`GET /hr/outbox?before=${JSON.stringify(value).slice(0, 40)}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('hostile values where an address holds an id or a token', () => {
  it.each(['employee', 'head', 'hr'] as const)('as the %s: not found, never a server error', async (name) => {
    expect(await attackIds(name)).toEqual([]);
  }, sweepTimeout);

  it('in public addresses: feed tokens and set-password links', async () => {
    const anonymous = request.agent(t.app);
    const problems: string[] = [];
    for (const value of segmentValues) {
      for (const address of [`/feeds/${encodeURIComponent(value)}.ics`, `/set-password/${encodeURIComponent(value)}`]) {
        const response = await anonymous.get(address);
        if (response.status < 400) problems.push(`GET ${address.slice(0, 60)}: answered ${response.status}`);
        for (const problem of problemsWith(answerOf(response))) problems.push(`GET ${address.slice(0, 60)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
