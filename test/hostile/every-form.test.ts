// Every form the app shows, to anonymous visitors, an employee, a head and HR, found by walking the app's pages and
// sent with each field in turn replaced by a hostile value: no answer is a server error, no page shows the value as
// live markup, and every refusal says why and leaves the data as it was. A form added later is attacked too.
import request from 'supertest';
import { registeredRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';
import type { Agent } from '../support/sessions';
import { databaseState } from './database-state';
import { answerOf, DataWatch, defaultSubmission, problemsWith, send, withHostileValue } from './form-attacks';
import { buildHostileOrganisation, type HostileOrganisation } from './hostile-organisation';
import { escapedHtml, scriptTag, sweepValuesFor } from './hostile-values';
import { addressPattern, routePattern, walkSite, type PageForm } from './page-forms';

let t: TestApp;
let org: HostileOrganisation;
let watch: DataWatch;
const attackedForms: PageForm[] = [];
// Hundreds of requests each, one after another on the embedded database's single connection.
const sweepTimeout = 300_000;

beforeAll(async () => {
  // Refused sign-ins are part of the attack; the throttle would otherwise answer 429 before the form is read.
  t = await startTestApp({ loginThrottle: { maxFailuresPerAccount: 10_000, maxFailuresPerAddress: 10_000, minutes: 15 } });
  org = await buildHostileOrganisation(t);
  watch = new DataWatch(await databaseState(t.dataSource));
});
afterAll(() => t.close());

const csvUpload = { content: Buffer.from('full_name,email,department,site,job_title,hire_date\r\nUp Loaded,up.loaded@example.test,Alpha,Berlin,Analyst,2024-02-01\r\n'), name: 'people.csv' };

/** Attacks every field of every form reachable by the agent; returns what went wrong, one line each. */
async function attackEveryForm(agent: Agent, start: string[], skip: (address: string) => boolean): Promise<string[]> {
  const site = await walkSite(agent, start, { skip });
  const problems: string[] = [];
  for (const visit of site.visits) if (visit.status >= 500) problems.push(`GET ${visit.address} answered ${visit.status}`);
  watch.forget();
  for (const form of site.forms) {
    if (form.action === '/sign-out') continue;
    attackedForms.push(form);
    const base = defaultSubmission(form);
    // Of repeated rows (a programme's stages), the first stands for the rest.
    const fields = form.fields.filter((field) => field.name !== '_csrf' && field.kind !== 'button' && field.kind !== 'file' && !/\.[1-9]\d*\./.test(field.name));
    for (const field of new Map(fields.map((field) => [field.name, field])).values()) {
      for (const hostile of sweepValuesFor(field.kind)) {
        if (form.method === 'post') await watch.before();
        const response = await send(agent, form, withHostileValue(base, field.name, hostile), form.multipart ? csvUpload : undefined);
        const where = `${form.method.toUpperCase()} ${addressPattern(form.action)} (form on ${addressPattern(form.page)}) with ${hostile.label} in ${field.name}`;
        for (const problem of problemsWith(answerOf(response))) problems.push(`${where}: ${problem}`);
        if (form.method === 'get') watch.forget();
        else for (const table of await watch.after(response.status)) problems.push(`${where}: refused (${response.status}) but changed ${table}`);
      }
    }
  }
  return problems;
}


describe('hostile values in every form', () => {
  it('as an anonymous visitor: sign-in and the set-password link', async () => {
    const [{ body }]: { body: string }[] = await t.dataSource.query(`SELECT body FROM outbox_messages ORDER BY created_at LIMIT 1`);
    const link = /(\/set-password\/[A-Za-z0-9_-]+)/.exec(body)![1];
    expect(await attackEveryForm(request.agent(t.app), ['/sign-in', link], () => false)).toEqual([]);
  }, sweepTimeout);

  it('as an employee', async () => {
    expect(await attackEveryForm(org.employee.agent, ['/', `/insights/${org.colleagueInsightId}/echo`, '/insights/similar?summary=phone+menu'], (address) => address === '/sign-out')).toEqual([]);
  }, sweepTimeout);

  it('as a head of department', async () => {
    expect(await attackEveryForm(org.head.agent, ['/', `/insights/${org.colleagueInsightId}/merge`], (address) => address === '/sign-out')).toEqual([]);
  }, sweepTimeout);

  it('as HR', async () => {
    // HR's own profile is left alone: deactivating themselves would end the walk, not test the form.
    const ownPages = (address: string) => address.includes(org.hr.person.id);
    expect(await attackEveryForm(org.hr.agent, ['/', ...org.extraHrPages], ownPages)).toEqual([]);
  }, sweepTimeout);

  it('shows what the attacks stored escaped on every page, to each of them', async () => {
    const problems: string[] = [];
    let shownEscaped = 0;
    for (const persona of [org.employee, org.head, org.hr]) {
      const site = await walkSite(persona.agent, ['/', ...(persona === org.hr ? org.extraHrPages : [])], { skip: (address) => address === '/sign-out' });
      for (const visit of site.visits) {
        for (const problem of problemsWith(visit)) problems.push(`${persona.name}: GET ${visit.address}: ${problem}`);
        if (visit.body.includes(escapedHtml(scriptTag))) shownEscaped += 1;
      }
    }
    expect(problems).toEqual([]);
    // Guards the check itself: the attacks did store markup, and pages do show it, as text.
    expect(shownEscaped).toBeGreaterThan(10);
  }, sweepTimeout);

  // A POST route no walk reached would be attacked by nobody: give the organisation what makes its form appear.
  it('reached a form for every POST route the app registers', () => {
    const unreached = registeredRoutes(t.app)
      .filter((route) => route.method === 'POST' && route.path !== '/sign-out')
      .filter((route) => !attackedForms.some((form) => form.method === 'post' && routePattern(route.path).test(form.action)))
      .map((route) => route.path);
    expect(unreached).toEqual([]);
  });
});
