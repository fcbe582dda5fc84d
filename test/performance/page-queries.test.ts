// Issue 8: no key page issues more than 10 statements to PostgreSQL, counted on an organisation with years of history
// (a page that read rows one by one would exceed it many times over).
import { DateTime } from 'luxon';
import { hashPassword } from '../../src/auth/passwords';
import { inTransaction } from '../../src/db/transaction';
import { demoPassword, seedOrganisation } from '../../src/seed/organisation';
import { findKeyPageTargets, keyPages, type Persona } from '../support/key-pages';
import { recordQueries } from '../support/query-recorder';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

const maximumStatements = 10;

let t: TestApp;
const agents = {} as Record<Persona, Agent>;
let pages: ReturnType<typeof keyPages>;

beforeAll(async () => {
  // As served: figures kept for five minutes (the first visit works them out; the counted one reads them).
  t = await startTestApp({ figuresMaxAgeSeconds: 300 });
  const passwordHash = await hashPassword(demoPassword);
  await inTransaction(t.dataSource, (manager) => seedOrganisation(manager, { employees: 300, today: DateTime.now(), passwordHash, randomSeed: 8 }));
  const [hr] = await t.dataSource.query(`SELECT email FROM employees WHERE 'hr' = ANY (roles) LIMIT 1`);
  const hrAgent = await signIn(t.app, hr.email, demoPassword);
  const token = await csrfTokenFrom(hrAgent, '/hr/plan-runs');
  expect((await hrAgent.post('/hr/plan-runs').type('form').send({ _csrf: token, horizonWeeks: '52' })).status).toBe(303);

  const targets = await findKeyPageTargets(t.dataSource);
  pages = keyPages(targets);
  for (const persona of ['employee', 'head', 'hr'] as const) agents[persona] = await signIn(t.app, targets.emails[persona], demoPassword);
}, 120_000);

afterAll(() => t.close());

test('every key page answers within the statement budget', async () => {
  const costs: { page: string; path: string; status: number; statements: number }[] = [];
  for (const page of pages) {
    for (const path of page.paths) {
      await agents[page.persona].get(path); // the first visit may start due rotations; count a steady one
      const { result, queries } = await recordQueries(() => agents[page.persona].get(path));
      costs.push({ page: page.name, path, status: result.status, statements: queries.length });
    }
  }
  expect(costs.filter((cost) => cost.status !== 200)).toEqual([]);
  expect(costs.filter((cost) => cost.statements > maximumStatements)).toEqual([]);
  // The recorder sees the statements every signed-in page makes (the session and the signed-in person).
  expect(Math.min(...costs.map((cost) => cost.statements))).toBeGreaterThanOrEqual(2);
});
