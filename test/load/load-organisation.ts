// The people a load test acts as, each signed in with a session cookie and a form token: employees on a rotation
// that began weeks ago (so thousands of past quarter-hours are free for shifts), each with one logged shift to write
// insights about; the head of their department; and HR.
import type { Express } from 'express';
import { DateTime } from 'luxon';
import request from 'supertest';
import { sessionCookieName } from '../../src/auth/sessions';
import { weekDates, weekOf } from '../../src/schedule/week-dates';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildShift, buildSite, testPassword } from '../support/factories';
import { csrfTokenFrom, submitSignIn } from '../support/sessions';
import type { TestApp } from '../support/test-app';

/** Who sends a request: the session cookie and the form token of that session. */
export interface Credentials {
  cookie: string;
  token: string;
}

export interface LoadEmployee extends Credentials {
  id: string;
  /** Their rotation, on which they log shifts. */
  assignmentId: string;
  /** A shift logged before the test, for their insights to come from. */
  shiftId: string;
}

export interface LoadOrganisation {
  /** The desk's time zone, without daylight saving, so every quarter-hour of the wall clock exists. */
  zone: string;
  deskId: string;
  departmentId: string;
  categoryId: string;
  employees: LoadEmployee[];
  head: Credentials;
  hr: Credentials;
  /** Past days of the rotation with no shift yet, in the desk's time zone: where new shifts go. */
  freeDays: string[];
}

const zone = 'Asia/Singapore';

async function signInForLoad(app: Express, email: string): Promise<Credentials> {
  const agent = request.agent(app);
  const response = await submitSignIn(agent, email, testPassword);
  if (response.status !== 303) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
  const cookie = [response.headers['set-cookie'] ?? []].flat().find((header) => header.startsWith(`${sessionCookieName}=`));
  if (!cookie) throw new Error(`Sign-in as ${email} set no session cookie`);
  return { cookie: cookie.split(';')[0], token: await csrfTokenFrom(agent, '/about') };
}

export async function buildLoadOrganisation(t: TestApp, employeeCount: number): Promise<LoadOrganisation> {
  const site = await buildSite(t.dataSource, { timeZone: zone, countryCode: 'SG' });
  const department = await buildDepartment(t.dataSource, { maxSharePercent: 100 });
  const desk = await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: employeeCount });
  // Five weeks: the four before this one and this one, so the rotation is open for logging throughout the test.
  const today = DateTime.now().setZone(zone);
  const firstWeek = weekOf(today.minus({ weeks: 4 }).toISODate()!);
  const { startsOn } = weekDates(firstWeek, 5);
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 5 });
  const person = { departmentId: department.id, siteId: site.id };

  const employees: LoadEmployee[] = [];
  for (let i = 0; i < employeeCount; i += 1) {
    const employee = await buildEmployee(t.dataSource, person);
    const assignmentId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek, weeks: 5, status: 'in-progress' });
    // On the rotation's first day, which new shifts leave alone.
    const startsAt = DateTime.fromISO(`${startsOn}T09:00`, { zone }).toISO()!;
    const shiftId = await buildShift(t.dataSource, { assignmentId, employeeId: employee.id, startsAt, contacts: 50 });
    employees.push({ id: employee.id, assignmentId, shiftId, ...(await signInForLoad(t.app, employee.email)) });
  }
  const head = await buildHead(t.dataSource, { heads: [department], siteId: site.id });
  const hr = await buildHr(t.dataSource, person);
  const [{ id: categoryId }]: { id: string }[] = await t.dataSource.query(`SELECT id FROM insight_categories WHERE lower(name) = 'usability'`);

  const freeDays: string[] = [];
  for (let day = DateTime.fromISO(startsOn, { zone }).plus({ days: 1 }); day.toISODate()! < today.toISODate()!; day = day.plus({ days: 1 })) freeDays.push(day.toISODate()!);
  return {
    zone,
    deskId: desk.id,
    departmentId: department.id,
    categoryId,
    employees,
    head: await signInForLoad(t.app, head.email),
    hr: await signInForLoad(t.app, hr.email),
    freeDays,
  };
}
