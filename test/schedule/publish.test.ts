import { DateTime } from 'luxon';
import { nextMonday } from '../../src/plan-runs/plan-runs.service';
import { weekDates } from '../../src/schedule/week-dates';
import { postForm } from '../rotations/forms';
import { buildDepartment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { today } from './schedule-setup';

const firstMonday = nextMonday(today);
const weekOf = (date: string) => DateTime.fromISO(date).toFormat("kkkk-'W'WW");

let t: TestApp;
let hr: Agent;
let hires: { id: string; fullName: string }[];
let deskId: string;
let programmeId: string;

beforeAll(async () => {
  t = await startTestApp();
  const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
  deskId = (await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: 1 })).id;
  programmeId = (await buildProgramme(t.dataSource, { kind: 'onboarding', lengthWeeks: 1, startWithinWeeks: 1, appliesToHiresFrom: today })).id;
  const person = { departmentId: department.id, siteId: site.id };
  hr = await signIn(t.app, (await buildHr(t.dataSource, person)).email);
  hires = [];
  for (let i = 0; i < 3; i += 1) hires.push(await buildEmployee(t.dataSource, { ...person, hireDate: firstMonday }));
});
afterAll(() => t.close());

async function planDraft(fields: Record<string, string | number> = {}): Promise<string> {
  const response = await postForm(hr, '/hr/plan-runs', { horizonWeeks: 12, ...fields });
  expect(response.status).toBe(303);
  return response.headers.location.split('/').pop()!;
}

const publish = (agent: Agent, runId: string) => postForm(agent, `/hr/plan-runs/${runId}/publish`);
const scheduleVersion = async () => (await t.dataSource.query(`SELECT schedule_version FROM organisation_settings`))[0].schedule_version;
const runStatus = async (runId: string) => (await t.dataSource.query(`SELECT status FROM plan_runs WHERE id = $1`, [runId]))[0].status;
const assignmentsOf = (employeeId: string) =>
  t.dataSource.query(
    `SELECT id, first_week, weeks, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, status, plan_run_id, version
       FROM assignments WHERE employee_id = $1 ORDER BY created_at`,
    [employeeId],
  );
const noticeKinds = async (assignmentId: string) =>
  (await t.dataSource.query(`SELECT kind FROM notices WHERE assignment_id = $1 ORDER BY created_at`, [assignmentId])).map((row: { kind: string }) => row.kind);

describe('publishing a draft plan run', () => {
  let published: string;
  let older: string;

  it('makes its blocks the schedule, tells everyone and audits the publish; other drafts stay drafts', async () => {
    older = await planDraft();
    published = await planDraft();
    const versionBefore = await scheduleVersion();
    const page = await hr.get(`/hr/plan-runs/${published}`);
    expect(page.text).toContain(`action="/hr/plan-runs/${published}/publish"`);

    const response = await publish(hr, published);
    expect(response.status).toBe(303);
    expect((await hr.get(response.headers.location)).text).toContain('Published: 3 new, 0 moved and 0 cancelled');
    for (const hire of hires) {
      const [assignment] = await assignmentsOf(hire.id);
      expect(assignment).toMatchObject({ status: 'scheduled', weeks: 1, plan_run_id: published, version: 1 });
      const { startsOn, endsOn } = weekDates(assignment.first_week, 1);
      expect(assignment).toMatchObject({ starts_on: startsOn, ends_on: endsOn });
      expect(await noticeKinds(assignment.id)).toEqual(['published']);
    }
    expect(await runStatus(published)).toBe('published');
    expect(await runStatus(older)).toBe('draft');
    expect(await scheduleVersion()).toBe(versionBefore + 1);
    const audit = await t.dataSource.query(`SELECT action, after FROM audit_log WHERE entity_type = 'plan-run' AND entity_id = $1`, [published]);
    expect(audit).toEqual([{ action: 'published', after: { added: 3, moved: 0, cancelled: 0, unchanged: 0 } }]);
  });

  it('will not publish it twice', async () => {
    const again = await publish(hr, published);
    expect(again.status).toBe(422);
    expect(again.text).toContain('only a draft can be published');
  });

  it('refuses a draft planned against an older schedule, says why, offers a re-plan and changes nothing', async () => {
    const versionBefore = await scheduleVersion();
    const count = (await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments`))[0].n;
    const page = await hr.get(`/hr/plan-runs/${older}`);
    expect(page.text).toContain('The schedule changed after this draft was planned');
    expect(page.text).not.toContain(`/hr/plan-runs/${older}/publish`);
    expect(page.text).toContain('Re-plan from the schedule as it is now');

    const refused = await publish(hr, older);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('The schedule changed after this draft was planned');
    expect(await runStatus(older)).toBe('draft');
    expect(await scheduleVersion()).toBe(versionBefore);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments`))[0].n).toBe(count);
  });

  it('moves re-planned assignments and cancels those the new plan leaves out', async () => {
    const [closed] = await assignmentsOf(hires[0].id);
    const [dropped] = await assignmentsOf(hires[1].id);
    await t.dataSource.query(`INSERT INTO desk_capacity_overrides (desk_id, week, capacity) VALUES ($1, $2, 0)`, [deskId, closed.first_week]);
    await t.dataSource.query(`INSERT INTO programme_exemptions (programme_id, employee_id, reason) VALUES ($1, $2, 'Transferred')`, [programmeId, hires[1].id]);

    const replanned = await planDraft({ replanPublished: 'yes' });
    expect((await publish(hr, replanned)).status).toBe(303);
    const [moved] = await assignmentsOf(hires[0].id);
    expect(moved).toMatchObject({ id: closed.id, status: 'scheduled', plan_run_id: replanned, version: 2 });
    expect(moved.first_week).not.toBe(closed.first_week);
    expect(await noticeKinds(closed.id)).toEqual(['published', 'changed']);
    expect(await assignmentsOf(hires[1].id)).toEqual([expect.objectContaining({ id: dropped.id, status: 'cancelled', version: 2 })]);
    expect(await noticeKinds(dropped.id)).toEqual(['published', 'cancelled']);
    const [{ after }] = await t.dataSource.query(`SELECT after FROM audit_log WHERE entity_type = 'plan-run' AND entity_id = $1`, [replanned]);
    expect(after).toMatchObject({ added: 0, cancelled: 1 });
    expect(after.moved).toBeGreaterThanOrEqual(1);
  });

  it('refuses employees', async () => {
    const draft = await planDraft();
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    expect((await publish(employee, draft)).status).toBe(403);
    expect(await runStatus(draft)).toBe('draft');
  });
});

describe('a draft whose first week has begun', () => {
  it('cannot be published', async () => {
    const draft = await planDraft();
    await t.dataSource.query(`UPDATE plan_runs SET first_week = $2 WHERE id = $1`, [draft, weekOf(DateTime.fromISO(today).minus({ weeks: 1 }).toISODate()!)]);
    const refused = await publish(hr, draft);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('which has already begun');
    expect(await runStatus(draft)).toBe('draft');
  });
});
