// Publishing is all or nothing: a failure part-way through (injected by a trigger that raises on the Nth row it
// sees, so the app's code is untouched) leaves the published schedule exactly as it was, and once the fault is gone
// the same draft publishes.
import { nextMonday } from '../../src/plan-runs/plan-runs.service';
import { postForm } from '../rotations/forms';
import { buildDepartment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { today } from './schedule-setup';

let t: TestApp;
let hr: Agent;
let deskId: string;
let programmeId: string;
let person: { departmentId: string; siteId: string };

beforeAll(async () => {
  t = await startTestApp();
  const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
  deskId = (await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: 2 })).id;
  programmeId = (await buildProgramme(t.dataSource, { kind: 'onboarding', lengthWeeks: 1, startWithinWeeks: 2, appliesToHiresFrom: today })).id;
  person = { departmentId: department.id, siteId: site.id };
  hr = await signIn(t.app, (await buildHr(t.dataSource, person)).email);
  await hireTwo();
  expect((await publish(await planDraft())).status).toBe(303);
});
afterAll(() => t.close());

const hireTwo = async () => [await buildEmployee(t.dataSource, { ...person, hireDate: nextMonday(today) }), await buildEmployee(t.dataSource, { ...person, hireDate: nextMonday(today) })];

async function planDraft(): Promise<string> {
  const response = await postForm(hr, '/hr/plan-runs', { horizonWeeks: 12, replanPublished: 'yes' });
  expect(response.status).toBe(303);
  return response.headers.location.split('/').pop()!;
}

/** With a token read beforehand, the post itself is the only request, so nothing else meets the injected fault. */
const publish = async (runId: string, token?: string) =>
  token ? hr.post(`/hr/plan-runs/${runId}/publish`).type('form').send({ _csrf: token }) : postForm(hr, `/hr/plan-runs/${runId}/publish`);

/**
 * A draft that adds, moves and cancels: two new hires to place, and a published person exempted (with an open
 * request about their rotation) whose assignment the draft leaves out.
 */
async function draftWithChanges() {
  const hires = await hireTwo();
  const [leaving]: { id: string; employee_id: string; first_week: string; version: number }[] = await t.dataSource.query(
    `SELECT id, employee_id, first_week, version FROM assignments WHERE status = 'scheduled' ORDER BY first_week DESC LIMIT 1`,
  );
  await t.dataSource.query(`INSERT INTO programme_exemptions (programme_id, employee_id, reason) VALUES ($1, $2, 'Transferred')`, [programmeId, leaving.employee_id]);
  const [{ id: requestId }] = await t.dataSource.query(
    `INSERT INTO assignment_requests (kind, requester_id, assignment_id, assignment_version, target_desk_id, target_week, status, summary)
     VALUES ('move', $1, $2, $3, $4, $5, 'pending-hr', 'Another week, please') RETURNING id`,
    [leaving.employee_id, leaving.id, leaving.version, deskId, leaving.first_week],
  );
  return { runId: await planDraft(), hires, leaving, requestId };
}

/** Everything a publish writes, row by row. */
async function publishedState() {
  const all = (sql: string) => t.dataSource.query(sql);
  return {
    assignments: await all(`SELECT * FROM assignments ORDER BY id`),
    notices: await all(`SELECT * FROM notices ORDER BY id`),
    outbox: await all(`SELECT * FROM outbox_messages ORDER BY id`),
    requests: await all(`SELECT * FROM assignment_requests ORDER BY id`),
    audit: await all(`SELECT * FROM audit_log ORDER BY id`),
    planRuns: await all(`SELECT id, status FROM plan_runs ORDER BY id`),
    scheduleVersion: await all(`SELECT schedule_version FROM organisation_settings`),
  };
}

interface Fault {
  table: string;
  /** The row, counted from the trigger's creation, on which the fault strikes. */
  row: number;
  /** Only rows matching this SQL condition on NEW are counted. */
  when?: string;
}

/** A trigger that raises an error on the Nth row written to the table; a sequence counts, as it survives rollbacks. */
async function injectFault(fault: Fault): Promise<void> {
  await t.dataSource.query(`CREATE SEQUENCE injected_fault_rows`);
  await t.dataSource.query(`
    CREATE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('injected_fault_rows') = ${fault.row} THEN
        RAISE EXCEPTION 'injected fault on row ${fault.row} of ${fault.table}';
      END IF;
      RETURN NEW;
    END $$`);
  await t.dataSource.query(
    `CREATE TRIGGER injected_fault BEFORE INSERT OR UPDATE ON ${fault.table} FOR EACH ROW ${fault.when ? `WHEN (${fault.when})` : ''} EXECUTE FUNCTION injected_fault()`,
  );
}

async function removeFault(table: string): Promise<void> {
  await t.dataSource.query(`DROP TRIGGER IF EXISTS injected_fault ON ${table}`);
  await t.dataSource.query(`DROP FUNCTION IF EXISTS injected_fault()`);
  await t.dataSource.query(`DROP SEQUENCE IF EXISTS injected_fault_rows`);
}

const assignmentOf = async (employeeId: string) =>
  (await t.dataSource.query(`SELECT id, status FROM assignments WHERE employee_id = $1`, [employeeId])) as { id: string; status: string }[];
const noticeKinds = async (assignmentId: string) =>
  ((await t.dataSource.query(`SELECT kind FROM notices WHERE assignment_id = $1 ORDER BY created_at`, [assignmentId])) as { kind: string }[]).map((row) => row.kind);

describe('a publish that fails part-way', () => {
  it.each<[string, Fault]>([
    ['while inserting the new assignments', { table: 'assignments', row: 2 }],
    ['while queueing the notices, after the schedule was written', { table: 'notices', row: 2 }],
    ['at its last step, the audit entry', { table: 'audit_log', row: 1, when: `NEW.entity_type = 'plan-run'` }],
  ])('%s: answers with a plain error page, leaves the schedule as it was, and publishes once the fault is gone', async (_case, fault) => {
    const { runId, hires, leaving, requestId } = await draftWithChanges();
    const before = await publishedState();
    const toldBefore = await noticeKinds(leaving.id);
    const token = await csrfTokenFrom(hr, '/about');

    await injectFault(fault);
    const failed = await publish(runId, token).finally(() => removeFault(fault.table));
    expect(failed.status).toBe(500);
    expect(failed.text).toContain('Frontline hit an unexpected problem');
    expect(failed.text).not.toContain('injected fault');
    expect(failed.text).not.toMatch(/plpgsql|INSERT INTO|UPDATE assignments|at .*\.ts:\d+/);
    expect(await publishedState()).toEqual(before);

    const published = await publish(runId);
    expect(published.status).toBe(303);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM plan_runs WHERE id = $1`, [runId]);
    expect(status).toBe('published');
    for (const hire of hires) {
      const [assignment] = await assignmentOf(hire.id);
      expect(assignment.status).toBe('scheduled');
      expect(await noticeKinds(assignment.id)).toEqual(['published']);
    }
    expect(await assignmentOf(leaving.employee_id)).toEqual([{ id: leaving.id, status: 'cancelled' }]);
    expect(await noticeKinds(leaving.id)).toEqual([...toldBefore, 'cancelled']);
    const [request] = await t.dataSource.query(`SELECT status FROM assignment_requests WHERE id = $1`, [requestId]);
    expect(request.status).toBe('refused');
  });
});
