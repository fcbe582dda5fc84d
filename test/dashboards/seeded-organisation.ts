// A small organisation whose true dashboard figures are known, on a fixed day: Wednesday 2027-06-16 (week 2027-W24;
// the last 12 months run from 2026-06-17, the last 12 weeks from 2027-W13). The app's clock is luxon's.
//
// Alpha (programmes apply):           active  completed  new hire  on time  overdue
//   Ada   hired 2020, completed 2027-W09-10    yes    yes
//   Bo    hired 2020, completed 2026-W18-19     yes               recurring due 2027-W19, not placed
//   Cy    hired 2020, never, scheduled 2027-W30 yes               recurring due 2021, placed, not completed
//   Dee   hired 2027-01-04, onboarding W03-04 done   yes   yes   yes   yes
//   Eve   hired 2027-02-01, onboarding W10-11 done   yes   yes   yes   late
//   Fay   hired 2027-05-31, onboarding scheduled this week (W24)  yes   yes   not yet
//   Gus   left 2027-01-31 (completed in 2027: not counted); Hal starts 2027-07-01
// Beta (programmes apply):
//   Ivy   hired 2020, completed 2026-W25-26, in progress 2027-W23-24 at a Singapore desk, 11.5 hours logged
//   Jo    hired 2026-09-07, exempt from onboarding
//   Kai   hired 2026-11-02, onboarding not placed: due 2026-W47             new hire, overdue
//   Lu    hired 2020, rotation 2027-W22-23 ended but still in progress (awaiting late logging): rotated, not overdue
// =Office: HR and the heads (no programme applies). Gamma: nobody. Many: 55 people, for paging.
import { Settings, DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { Department } from '../../src/people/department.entity';
import type { Employee } from '../../src/people/employee.entity';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildShift, buildSite } from '../support/factories';

export const today = '2027-06-16';

export function fixTheClock(): void {
  const moment = DateTime.fromISO(`${today}T12:00:00`, { zone: 'utc' }).toMillis();
  Settings.now = () => moment;
}

export function restoreTheClock(): void {
  Settings.now = () => Date.now();
}

export interface SeededOrganisation {
  alpha: Department;
  beta: Department;
  gamma: Department;
  office: Department;
  many: Department;
  people: Record<'ada' | 'bo' | 'cy' | 'dee' | 'eve' | 'fay' | 'gus' | 'hal' | 'ivy' | 'jo' | 'kai' | 'lu', Employee>;
  hr: Employee;
  /** Heads Alpha and Gamma. */
  headOfAlpha: Employee;
  headOfBeta: Employee;
  /** Has the head role but heads no department. */
  headOfNothing: Employee;
}

export async function seedOrganisation(dataSource: DataSource): Promise<SeededOrganisation> {
  const berlin = await buildSite(dataSource, { name: 'Berlin', timeZone: 'Europe/Berlin', countryCode: 'DE' });
  const singapore = await buildSite(dataSource, { name: 'Singapore', timeZone: 'Asia/Singapore', countryCode: 'SG' });
  const departments = {
    alpha: await buildDepartment(dataSource, { name: 'Alpha' }),
    beta: await buildDepartment(dataSource, { name: 'Beta' }),
    gamma: await buildDepartment(dataSource, { name: 'Gamma' }),
    office: await buildDepartment(dataSource, { name: '=Office' }),
    many: await buildDepartment(dataSource, { name: 'Many' }),
  };
  const berlinDesk = await buildDesk(dataSource, { siteId: berlin.id, name: 'Berlin phone' });
  const singaporeDesk = await buildDesk(dataSource, { siteId: singapore.id, name: 'Singapore chat' });
  const covered = [departments.alpha.id, departments.beta.id];
  const onboarding = await buildProgramme(dataSource, { name: 'Onboarding', kind: 'onboarding', lengthWeeks: 2, startWithinWeeks: 2, appliesToHiresFrom: '2026-01-01', departmentIds: covered });
  const annual = await buildProgramme(dataSource, { name: 'Annual rotation', kind: 'recurring', lengthWeeks: 2, everyMonths: 12, earlyWeeks: 4, departmentIds: covered });

  const person = (fullName: string, department: Department, fields: Partial<Employee> = {}) =>
    buildEmployee(dataSource, { fullName, departmentId: department.id, siteId: berlin.id, hireDate: '2020-03-02', ...fields });
  const rotation = (employee: Employee, programmeId: string, firstWeek: string, status: 'scheduled' | 'in-progress' | 'completed', deskId = berlinDesk.id) =>
    buildAssignment(dataSource, { employeeId: employee.id, programmeId, deskId, firstWeek, weeks: 2, status });

  const { alpha: a, beta: b } = departments;
  const people = {
    ada: await person('Ada Alpha', a),
    bo: await person('Bo Alpha', a),
    cy: await person('Cy Alpha', a),
    dee: await person('Dee Alpha', a, { hireDate: '2027-01-04' }),
    eve: await person('Eve Alpha', a, { hireDate: '2027-02-01' }),
    fay: await person('Fay Alpha', a, { hireDate: '2027-05-31' }),
    gus: await person('Gus Alpha', a, { terminationDate: '2027-01-31' }),
    hal: await person('Hal Alpha', a, { hireDate: '2027-07-01' }),
    ivy: await person('Ivy Beta', b),
    jo: await person('Jo Beta', b, { hireDate: '2026-09-07' }),
    kai: await person('Kai Beta', b, { hireDate: '2026-11-02' }),
    lu: await person('Lu Beta', b),
  };
  await rotation(people.ada, annual.id, '2027-W09', 'completed');
  await rotation(people.bo, annual.id, '2026-W18', 'completed');
  await rotation(people.cy, annual.id, '2027-W30', 'scheduled');
  await rotation(people.dee, onboarding.id, '2027-W03', 'completed');
  await rotation(people.eve, onboarding.id, '2027-W10', 'completed');
  await rotation(people.fay, onboarding.id, '2027-W24', 'scheduled');
  await rotation(people.gus, annual.id, '2026-W50', 'completed');
  await rotation(people.ivy, annual.id, '2026-W25', 'completed');
  await rotation(people.lu, annual.id, '2027-W22', 'in-progress');
  const ivyNow = await rotation(people.ivy, annual.id, '2027-W23', 'in-progress', singaporeDesk.id);
  await dataSource.query(`INSERT INTO programme_exemptions (programme_id, employee_id, reason) VALUES ($1, $2, 'Joined from the support team')`, [onboarding.id, people.jo.id]);

  // 8 hours in 2027-W23; then 3.5 hours on Monday of W24 at the desk, which is still Sunday (W23) in UTC.
  const shift = (startsAt: string, hours: number, stage: 'shadowing' | 'paired') => buildShift(dataSource, { assignmentId: ivyNow, employeeId: people.ivy.id, startsAt, hours, stage });
  await shift('2027-06-07T09:00:00+08:00', 4, 'shadowing');
  await shift('2027-06-08T09:00:00+08:00', 4, 'shadowing');
  await shift('2027-06-14T07:00:00+08:00', 3.5, 'paired');

  const staff = { departmentId: departments.office.id, siteId: berlin.id };
  const hr = await buildHr(dataSource, { ...staff, fullName: 'Hera HR' });
  const headOfAlpha = await buildHead(dataSource, { ...staff, fullName: 'Hana Head', heads: [departments.alpha, departments.gamma] });
  const headOfBeta = await buildHead(dataSource, { ...staff, fullName: 'Hugo Head', heads: [departments.beta] });
  const headOfNothing = await buildEmployee(dataSource, { ...staff, fullName: 'Nina Nohead', roles: ['head'] });

  await dataSource.query(
    `INSERT INTO employees (full_name, email, department_id, site_id, job_title, hire_date)
     SELECT 'Many Person ' || lpad(n::text, 2, '0'), 'many.' || n || '@example.test', $1, $2, 'Clerk', '2020-03-02' FROM generate_series(1, 55) n`,
    [departments.many.id, berlin.id],
  );
  return { ...departments, people, hr, headOfAlpha, headOfBeta, headOfNothing };
}
