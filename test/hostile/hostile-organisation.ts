// An organisation with one of everything a form can be about, so that walking the app as HR, a head and an employee
// reaches every form: a rotation in progress with a shift, rotations ahead with requests open both ways, one awaiting
// HR's decision, an absence, insights routed to the head's department, a draft plan run, an import preview, a desk
// override, a blackout week, an exemption, a routing rule and an invitation in the outbox.
import { DateTime } from 'luxon';
import type { Department } from '../../src/people/department.entity';
import type { Employee } from '../../src/people/employee.entity';
import { insertInsight } from '../learnings/learnings-setup';
import { csvOf, header, previewCsv } from '../people-import/import-requests';
import { postForm } from '../rotations/forms';
import { week } from '../schedule/schedule-setup';
import {
  buildAbsence,
  buildAssignment,
  buildDepartment,
  buildDesk,
  buildEmployee,
  buildHead,
  buildHr,
  buildProgramme,
  buildShift,
  buildSite,
} from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import type { TestApp } from '../support/test-app';

export interface Persona {
  name: 'employee' | 'head' | 'HR';
  person: Employee;
  agent: Agent;
}

export interface HostileOrganisation {
  alpha: Department;
  beta: Department;
  siteId: string;
  deskId: string;
  programmeId: string;
  employee: Persona;
  head: Persona;
  hr: Persona;
  /** The employee's rotation in progress this week (from `currentRotationStart`), and one awaiting HR's decision. */
  currentAssignmentId: string;
  currentRotationStart: string;
  incompleteAssignmentId: string;
  /** The employee's insight, and a colleague's one the employee may echo and a head may merge. */
  insightId: string;
  colleagueInsightId: string;
  /** HR's pages no link leads to, or only one among many does. */
  extraHrPages: string[];
}

function expectRedirect(response: { status: number; text: string }, what: string): void {
  if (response.status !== 303) throw new Error(`Setting up ${what} answered ${response.status}: ${response.text.slice(0, 1000)}`);
}

export async function buildHostileOrganisation(t: TestApp): Promise<HostileOrganisation> {
  const { dataSource } = t;
  const site = await buildSite(dataSource, { name: 'Berlin', timeZone: 'Europe/Berlin', countryCode: 'DE' });
  const alpha = await buildDepartment(dataSource, { name: 'Alpha', maxSharePercent: 100 });
  const beta = await buildDepartment(dataSource, { name: 'Beta', maxSharePercent: 100 });
  const desk = await buildDesk(dataSource, { siteId: site.id, name: 'Berlin phone', weeklyCapacity: 6, workingDays: [1, 2, 3, 4, 5, 6, 7] });
  const programme = await buildProgramme(dataSource, { name: 'Annual rotation', lengthWeeks: 2 });
  const secondProgramme = await buildProgramme(dataSource, { name: 'Deep dive', lengthWeeks: 1 });
  const onboarding = await buildProgramme(dataSource, { name: 'Onboarding', kind: 'onboarding', lengthWeeks: 1, appliesToHiresFrom: '2020-01-01' });

  const inAlpha = { departmentId: alpha.id, siteId: site.id, hireDate: '2021-03-01' };
  const employee = await buildEmployee(dataSource, { ...inAlpha, fullName: 'Erin Employee' });
  const colleague = await buildEmployee(dataSource, { ...inAlpha, fullName: 'Cole Colleague' });
  const mover = await buildEmployee(dataSource, { ...inAlpha, fullName: 'Mo Mover' });
  const lagging = await buildEmployee(dataSource, { ...inAlpha, fullName: 'Lee Lagging' });
  const head = await buildHead(dataSource, { heads: [alpha], siteId: site.id, fullName: 'Hana Head' });
  const hr = await buildHr(dataSource, { departmentId: beta.id, siteId: site.id, fullName: 'Hugo HR' });
  await buildEmployee(dataSource, { departmentId: beta.id, siteId: site.id, fullName: 'Nia New', hireDate: DateTime.now().plus({ weeks: 3 }).toISODate()! });

  // This week's rotation, begun last Monday, with a shift on that day.
  const lastWeek = DateTime.now().minus({ weeks: 1 }).toFormat("kkkk-'W'WW");
  const currentAssignmentId = await buildAssignment(dataSource, { employeeId: employee.id, programmeId: secondProgramme.id, deskId: desk.id, firstWeek: lastWeek, weeks: 2, status: 'in-progress' });
  const lastMonday = DateTime.now().minus({ weeks: 1 }).startOf('week').set({ hour: 9 }).setZone('Europe/Berlin', { keepLocalTime: true });
  await buildShift(dataSource, { assignmentId: currentAssignmentId, employeeId: employee.id, startsAt: lastMonday.toISO()!, hours: 3 });

  // Rotations ahead: the employee's and a colleague's to swap with, and a third person's move waiting for HR.
  const ahead = await buildAssignment(dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: week(6), weeks: 2 });
  const colleagues = await buildAssignment(dataSource, { employeeId: colleague.id, programmeId: programme.id, deskId: desk.id, firstWeek: week(10), weeks: 2 });
  const movers = await buildAssignment(dataSource, { employeeId: mover.id, programmeId: programme.id, deskId: desk.id, firstWeek: week(14), weeks: 2 });
  await buildAssignment(dataSource, { employeeId: mover.id, programmeId: onboarding.id, deskId: desk.id, firstWeek: '2021-W12', weeks: 1, status: 'completed' });

  // A rotation that ended short of its hours, waiting for HR's decision.
  const laggingId = await buildAssignment(dataSource, { employeeId: lagging.id, programmeId: programme.id, deskId: desk.id, firstWeek: week(-8), weeks: 2, status: 'in-progress' });
  await dataSource.query(`UPDATE assignments SET incomplete_since = now() - interval '1 day' WHERE id = $1`, [laggingId]);

  await buildAbsence(dataSource, employee.id, { startsOn: DateTime.now().plus({ weeks: 20 }).toISODate()!, endsOn: DateTime.now().plus({ weeks: 21 }).toISODate()!, note: 'Trip' });
  await dataSource.query(`INSERT INTO desk_capacity_overrides (desk_id, week, capacity) VALUES ($1, $2, 3)`, [desk.id, week(30)]);
  await dataSource.query(`INSERT INTO department_blackout_weeks (department_id, week, note) VALUES ($1, $2, 'Quarter close')`, [alpha.id, week(26)]);
  await dataSource.query(`INSERT INTO programme_exemptions (programme_id, employee_id, reason, created_by) VALUES ($1, $2, 'Works nights', $3)`, [programme.id, lagging.id, hr.id]);
  await dataSource.query(`UPDATE organisation_settings SET swaps_need_approval = true`);
  await dataSource.query(
    `INSERT INTO routing_rules (category_id, department_id) SELECT id, $1 FROM insight_categories WHERE lower(name) = 'usability'`,
    [alpha.id],
  );

  const insightId = await insertInsight(dataSource, { authorId: employee.id, departments: [alpha], summary: 'The phone menu loops', situation: 'Returns' });
  const colleagueInsightId = await insertInsight(dataSource, { authorId: colleague.id, departments: [alpha], summary: 'The phone menu is slow' });

  // Something archived of each kind, and someone who left, so that the restore forms show.
  const archived = { archivedAt: new Date('2025-01-01T00:00:00Z') };
  const oldDesk = await buildDesk(dataSource, { siteId: site.id, name: 'Old desk', ...archived });
  const oldProgramme = await buildProgramme(dataSource, { name: 'Old programme', ...archived });
  const oldDepartment = await buildDepartment(dataSource, { name: 'Old department', ...archived });
  await dataSource.query(`INSERT INTO insight_categories (name, position, archived_at) VALUES ('Old category', 99, now())`);
  await dataSource.query(`INSERT INTO product_areas (name, archived_at) VALUES ('Old area', now())`);
  const leaver = await buildEmployee(dataSource, { departmentId: beta.id, siteId: site.id, fullName: 'Liv Leaver', terminationDate: '2025-06-30' });

  // The head is on rotation too, with a shift started and not yet ended.
  const headsRotation = await buildAssignment(dataSource, { employeeId: head.id, programmeId: secondProgramme.id, deskId: desk.id, firstWeek: lastWeek, weeks: 2, status: 'in-progress' });
  await dataSource.query(`INSERT INTO open_shifts (employee_id, assignment_id, starts_at, channel, stage) VALUES ($1, $2, now() - interval '1 hour', 'chat', 'solo')`, [
    head.id,
    headsRotation,
  ]);

  const personas = {
    employee: { name: 'employee' as const, person: employee, agent: await signIn(t.app, employee.email) },
    head: { name: 'head' as const, person: head, agent: await signIn(t.app, head.email) },
    hr: { name: 'HR' as const, person: hr, agent: await signIn(t.app, hr.email) },
  };

  // Requests in both directions, made as the people would make them.
  const colleagueAgent = await signIn(t.app, colleague.email);
  expectRedirect(await postForm(colleagueAgent, `/me/rotations/requests/swap/${colleagues}`, { version: 1, counterpart: `${ahead} 1`, note: 'Family visit' }), 'a swap');
  const moverAgent = await signIn(t.app, mover.email);
  expectRedirect(await postForm(moverAgent, `/me/rotations/requests/move/${movers}`, { version: 1, option: `${desk.id} ${week(18)}` }), 'a move');
  const withdrawable = await buildAssignment(dataSource, { employeeId: employee.id, programmeId: onboarding.id, deskId: desk.id, firstWeek: week(22), weeks: 1 });
  expectRedirect(await postForm(personas.employee.agent, `/me/rotations/requests/move/${withdrawable}`, { version: 1, option: `${desk.id} ${week(24)}` }), 'a withdrawable move');

  expectRedirect(await postForm(personas.hr.agent, `/hr/employees/${colleague.id}/invite`), 'an invitation');
  expectRedirect(await postForm(personas.hr.agent, '/hr/plan-runs', { horizonWeeks: 52 }), 'a plan run');
  const preview = await previewCsv(personas.hr.agent, csvOf([header, ['Pia Preview', 'pia.preview@example.test', 'Alpha', 'Berlin', 'Analyst', '2024-02-01', '', 'employee']]));
  // A second file with a broken line, whose preview offers its problems as CSV instead of an apply button.
  const flawed = await previewCsv(personas.hr.agent, csvOf([header, ['Flo Flawed', 'not-an-email', 'Alpha', 'Berlin', 'Analyst', '2024-02-01', '', '']]));
  const extraHrPages = [preview, flawed, `/hr/assignments/${ahead}`, `/hr/shifts?assignment=${currentAssignmentId}`, `/hr/employees/${leaver.id}`,
    `/hr/desks/${oldDesk.id}`, `/hr/programmes/${oldProgramme.id}`, `/hr/departments/${oldDepartment.id}`, `/insights/${colleagueInsightId}/merge`];

  return { alpha, beta, siteId: site.id, deskId: desk.id, programmeId: programme.id, ...personas,
    currentAssignmentId,
    currentRotationStart: lastMonday.toISODate()!,
    incompleteAssignmentId: laggingId,
    insightId,
    colleagueInsightId,
    extraHrPages,
  };
}
