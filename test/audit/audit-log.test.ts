import { randomUUID } from 'node:crypto';
import { buildDepartment, buildEmployee, buildHr, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hr: Agent;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource, { fullName: 'Audrey Auditor', email: 'audrey.auditor@example.test' })).email);
  token = await csrfTokenFrom(hr, '/hr/audit');
});
afterAll(() => t.close());

const post = (agent: Agent, path: string, fields: Record<string, string>) => agent.post(path).type('form').send({ _csrf: token, ...fields });

async function insertEntry(fields: { occurredAt: string; entityId?: string; entityType?: string; summary: string; actorName?: string }) {
  await t.dataSource.query(
    `INSERT INTO audit_log (occurred_at, actor_name, entity_type, entity_id, action, summary, before, after)
     VALUES ($1, $2, $3, $4, 'updated', $5, '{"jobTitle": "Before"}', '{"jobTitle": "After"}')`,
    [fields.occurredAt, fields.actorName ?? 'Somebody', fields.entityType ?? 'employee', fields.entityId ?? randomUUID(), fields.summary],
  );
}

/** The summaries on the page, in the order shown. */
const summariesOn = (html: string) => [...html.matchAll(/<td>\s*(?:<a href="[^"]*">)?([^<]+?)(?:<\/a>)?\s*<br><span class="tag">/g)].map((match) => match[1]);

describe('browsing the audit log', () => {
  it('shows who changed what and when, newest first, with the values before and after', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Chronicle' });
    expect((await post(hr, `/hr/departments/${department.id}/name`, { name: 'Chronicles' })).status).toBe(303);
    expect((await post(hr, `/hr/departments/${department.id}/archive`, {})).status).toBe(303);

    const page = await hr.get(`/hr/audit?entityId=${department.id}`);
    expect(page.status).toBe(200);
    expect(summariesOn(page.text)).toEqual(['Archived department Chronicles', 'Renamed department Chronicle to Chronicles']);
    expect(page.text).toContain('Audrey Auditor');
    expect(page.text).toContain('audrey.auditor@example.test');
    expect(page.text).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d:\d\d UTC/);
    expect(page.text).toMatch(/<th scope="row">name<\/th><td>Chronicle<\/td><td>Chronicles<\/td>/);
    expect(page.text).toMatch(/<th scope="row">archived<\/th><td>no<\/td><td>yes<\/td>/);
    expect(page.text).toContain(`href="/hr/departments/${department.id}"`);
  });

  it('shows an employee’s history from the link on their profile', async () => {
    const person = await buildEmployee(t.dataSource, { fullName: 'Hugo History' });
    const other = await buildEmployee(t.dataSource);
    for (const [employee, terminationDate] of [
      [person, '2026-12-31'],
      [other, '2026-11-30'],
    ] as const) {
      expect((await post(hr, `/hr/employees/${employee.id}/deactivate`, { terminationDate, version: '1' })).status).toBe(303);
    }
    const profile = await hr.get(`/hr/employees/${person.id}`);
    const historyLink = /href="(\/hr\/audit\?[^"]+)">History</.exec(profile.text)![1].replace(/&amp;/g, '&');
    const history = await hr.get(historyLink);
    expect(summariesOn(history.text)).toEqual(['Deactivated Hugo History, last working day 2026-12-31']);
  });

  it('filters by what changed, by who changed it (name or email) and by date', async () => {
    const other = await buildHr(t.dataSource, { fullName: 'Zed Zimmer', email: 'zed.z@elsewhere.test' });
    const zed = await signIn(t.app, other.email);
    const zedToken = await csrfTokenFrom(zed, '/hr/sites');
    const site = await buildSite(t.dataSource, { name: 'Filter Town', timeZone: 'Europe/Paris', countryCode: 'FR' });
    await zed.post(`/hr/sites/${site.id}`).type('form').send({ _csrf: zedToken, name: 'Filter City', timeZone: 'Europe/Paris', countryCode: 'FR' });
    await post(hr, '/hr/departments', { name: 'Filter Department' });
    await insertEntry({ occurredAt: '2024-05-10T23:30:00Z', summary: 'Long ago in May' });
    await insertEntry({ occurredAt: '2024-05-11T00:30:00Z', summary: 'The next day' });

    expect(summariesOn((await hr.get('/hr/audit?entityType=site')).text)).toEqual(['Updated site Filter City: name']);
    expect(summariesOn((await hr.get('/hr/audit?actor=ZIMMER')).text)).toEqual(['Updated site Filter City: name']);
    expect(summariesOn((await hr.get('/hr/audit?actor=elsewhere.test')).text)).toEqual(['Updated site Filter City: name']);
    expect(summariesOn((await hr.get('/hr/audit?from=2024-05-10&to=2024-05-10')).text)).toEqual(['Long ago in May']);
    expect(summariesOn((await hr.get('/hr/audit?from=2024-05-11&to=2024-05-11')).text)).toEqual(['The next day']);
  });

  it('pages through long histories, 50 entries at a time, both ways', async () => {
    const entityId = randomUUID();
    for (let n = 1; n <= 120; n++) {
      await insertEntry({ entityId, occurredAt: `2025-01-01T00:00:00Z`, summary: `Entry ${String(n).padStart(3, '0')}` });
    }
    const first = await hr.get(`/hr/audit?entityId=${entityId}`);
    const firstSummaries = summariesOn(first.text);
    expect(firstSummaries).toHaveLength(50);
    expect(firstSummaries[0]).toBe('Entry 120');
    expect(firstSummaries[49]).toBe('Entry 071');
    expect(first.text).not.toContain('Newer entries');

    const olderLink = /href="([^"]+)" rel="next">Older entries/.exec(first.text)![1].replace(/&amp;/g, '&');
    const second = await hr.get(olderLink);
    expect(summariesOn(second.text)[0]).toBe('Entry 070');
    const third = await hr.get(/href="([^"]+)" rel="next">Older entries/.exec(second.text)![1].replace(/&amp;/g, '&'));
    const thirdSummaries = summariesOn(third.text);
    expect(thirdSummaries).toHaveLength(20);
    expect(thirdSummaries[19]).toBe('Entry 001');
    expect(third.text).not.toContain('Older entries');

    const backLink = /href="([^"]+)" rel="prev">Newer entries/.exec(third.text)![1].replace(/&amp;/g, '&');
    expect(summariesOn((await hr.get(backLink)).text)).toEqual(summariesOn(second.text));
  });

  it('ignores malformed filters instead of failing', async () => {
    const response = await hr.get('/hr/audit?entityType=planet&entityId=42&from=2024-99-99&to=later&before=abc&after=1%3B&actor=a&actor=b');
    expect(response.status).toBe(200);
  });
});

describe('audit entries and the change they record', () => {
  it('are lost together when the change fails after its audit entry was written', async () => {
    // Refuses the row only at commit, after the service has written both the employee and the audit entry.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_doomed_employee() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email LIKE 'doomed%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
        RETURN NULL;
      END $$`);
    await t.dataSource.query(`
      CREATE CONSTRAINT TRIGGER refuse_doomed_employee AFTER INSERT ON employees
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_doomed_employee()`);
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);

    const response = await post(hr, '/hr/employees', {
      fullName: 'Doomed Person',
      email: 'doomed@example.test',
      departmentId: department.id,
      siteId: site.id,
      jobTitle: 'Temporary',
      hireDate: '2025-01-01',
    });
    expect(response.status).toBe(500);
    expect(await t.dataSource.query(`SELECT 1 FROM employees WHERE email = 'doomed@example.test'`)).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM audit_log WHERE summary = 'Created Doomed Person'`)).toEqual([]);
  });

  it('leave the change unsaved when the audit entry cannot be written', async () => {
    await t.dataSource.query(`
      CREATE FUNCTION refuse_doomed_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.summary LIKE '%Unrecordable%' THEN RAISE EXCEPTION 'audit refused'; END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_doomed_entry BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_doomed_entry()`);
    const department = await buildDepartment(t.dataSource, { name: 'Recordable' });

    const response = await post(hr, `/hr/departments/${department.id}/name`, { name: 'Unrecordable' });
    expect(response.status).toBe(500);
    expect((await t.dataSource.query('SELECT name FROM departments WHERE id = $1', [department.id]))[0].name).toBe('Recordable');
  });
});

describe('the history of one record', () => {
  it('links to the record itself for schedule and insight entries too', async () => {
    for (const [entityType, path] of [['assignment', '/hr/assignments/'], ['insight', '/hr/learnings/'], ['plan-run', '/hr/plan-runs/']]) {
      const entityId = randomUUID();
      await insertEntry({ occurredAt: '2026-05-05T10:00:00Z', entityType, entityId, summary: `A ${entityType} changed` });
      const page = await hr.get(`/hr/audit?entityType=${entityType}&entityId=${entityId}`);
      expect(page.text).toContain(`href="${path}${entityId}"`);
    }
  });
});
