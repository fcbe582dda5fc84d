// SQL typed into searches, filters and names is only ever text: every search answers, none fails or changes a row,
// LIKE's wildcards match themselves, and a department named like an injection is stored and shown as named.
import { postForm } from '../rotations/forms';
import { buildAssignment, buildEmployee } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { databaseState, changedTables, rowCounts, type DatabaseState } from './database-state';
import { answerOf, problemsWith } from './form-attacks';
import { buildHostileOrganisation, type HostileOrganisation } from './hostile-organisation';
import { sqlFragments } from './hostile-values';

let t: TestApp;
let org: HostileOrganisation;
let state: DatabaseState;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildHostileOrganisation(t);
  state = await databaseState(t.dataSource);
});
afterAll(() => t.close());

const coreTables = ['employees', 'departments', 'sites', 'desks', 'programmes', 'assignments', 'shifts', 'insights', 'audit_log'];

describe('SQL in every search and filter', () => {
  const searches = (fragment: string) => {
    const text = encodeURIComponent(fragment);
    return {
      hr: [
        `/hr/employees?search=${text}`,
        `/hr/employees?search=${text}&department=${text}&site=${text}&status=${text}&sort=${text}&direction=${text}`,
        `/hr/employees/export.csv?search=${text}`,
        `/hr/assignments?search=${text}&desk=${text}&programme=${text}&status=${text}&week=${text}`,
        `/hr/audit?actor=${text}&entityType=${text}&entityId=${text}&before=${text}`,
        `/hr/learnings?q=${text}&tag=${text}&category=${text}&severity=${text}&sort=${text}`,
        `/hr/learnings/export.csv?q=${text}`,
        `/hr/dashboard?department=${text}`,
        `/hr/dashboard/people?figure=${text}&department=${text}`,
        `/hr/plan-runs?page=${text}`,
        `/hr/outbox?before=${text}`,
        `/insights/${org.colleagueInsightId}/merge?q=${text}`,
        `/insights/similar?summary=${text}`,
      ],
      head: [`/head/learnings?q=${text}&tag=${text}`, `/head/learnings/figures?department=${text}`, `/head/dashboard?department=${text}`],
      employee: [`/learnings?q=${text}`],
    };
  };

  it.each(sqlFragments)('answers %j without a server error, and changes nothing', async (fragment) => {
    const before = await state.fingerprints();
    const counts = await rowCounts(t.dataSource, coreTables);
    const problems: string[] = [];
    for (const [name, addresses] of Object.entries(searches(fragment))) {
      const agent = org[name as 'hr' | 'head' | 'employee'].agent;
      for (const address of addresses) {
        const response = await agent.get(address);
        if (response.status >= 500 || (response.status >= 300 && response.status < 400)) problems.push(`${address}: ${response.status}`);
        problems.push(...problemsWith(answerOf(response)).map((problem) => `${address}: ${problem}`));
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await state.fingerprints())).toEqual([]);
    expect(await rowCounts(t.dataSource, coreTables)).toEqual(counts);
  });

  it('in the swap search of an employee’s own rotation', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM assignments WHERE employee_id = $1 AND status = 'scheduled' ORDER BY starts_on LIMIT 1`, [org.employee.person.id]);
    for (const fragment of sqlFragments) {
      const response = await org.employee.agent.get(`/me/rotations/requests/swap/${id}?search=${encodeURIComponent(fragment)}`);
      expect([fragment, response.status, problemsWith(answerOf(response))]).toEqual([fragment, 200, []]);
    }
  });
});

describe('LIKE’s wildcards in a search', () => {
  const names = { percent: 'Pam 100% Sure', underscore: 'Uma Under_Score', backslash: 'Bea Back\\Slash', plain: 'Pia Plain' };
  beforeAll(async () => {
    for (const [key, fullName] of Object.entries(names)) {
      const person = await buildEmployee(t.dataSource, { fullName, email: `wild.${key}@example.test`, departmentId: org.alpha.id, siteId: org.siteId });
      await buildAssignment(t.dataSource, { employeeId: person.id, programmeId: org.programmeId, deskId: org.deskId, firstWeek: '2031-W10', weeks: 1 });
    }
  });

  const listed = (html: string) => Object.values(names).filter((name) => html.includes(name.replace(/&/g, '&amp;')));

  it.each([
    ['%', [names.percent]],
    ['_', [names.underscore]],
    ['\\', [names.backslash]],
    ['r_S', [names.underscore]],
    ['100%', [names.percent]],
  ])('match only themselves: %j in the employee list and the assignments', async (typed, expected) => {
    const employees = await org.hr.agent.get(`/hr/employees?search=${encodeURIComponent(typed)}`);
    expect(listed(employees.text)).toEqual(expected);
    const assignments = await org.hr.agent.get(`/hr/assignments?search=${encodeURIComponent(typed)}`);
    expect(listed(assignments.text)).toEqual(expected);
  });
});

describe('SQL in names', () => {
  it('stores a department named like an injection as named, and every table keeps its rows', async () => {
    const name = "Robert'); DROP TABLE employees; --";
    const counts = await rowCounts(t.dataSource, coreTables);
    expect((await postForm(org.hr.agent, '/hr/departments', { name })).status).toBe(303);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM departments WHERE name = $1`, [name]))[0].n).toBe(1);
    expect(await rowCounts(t.dataSource, coreTables)).toEqual({ ...counts, departments: counts.departments + 1, audit_log: counts.audit_log + 1 });
    expect((await org.hr.agent.get('/hr/departments')).text).toContain('Robert&#39;); DROP TABLE employees; --');
  });
});
