// A small organisation for the learnings tests: departments with their heads, two desks, rotations with shifts of
// known contacts, and insights and echoes saved straight into the tables (as if written earlier), so that each test
// knows the true figures.
import type { DataSource } from 'typeorm';
import type { Department } from '../../src/people/department.entity';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildShift, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import type { TestApp } from '../support/test-app';

export interface Person {
  id: string;
  fullName: string;
  email: string;
}

export interface SignedInPerson extends Person {
  agent: Agent;
}

export interface LearningsOrganisation {
  siteId: string;
  programmeId: string;
  deskIds: [string, string];
  product: Department;
  hardware: Department;
  productHead: SignedInPerson;
  hardwareHead: SignedInPerson;
  hr: SignedInPerson;
  employee: SignedInPerson;
}

async function signedIn(t: TestApp, person: Person): Promise<SignedInPerson> {
  return { id: person.id, fullName: person.fullName, email: person.email, agent: await signIn(t.app, person.email) };
}

export async function buildLearningsOrganisation(t: TestApp): Promise<LearningsOrganisation> {
  const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const deskIds: [string, string] = [(await buildDesk(t.dataSource, { siteId: site.id })).id, (await buildDesk(t.dataSource, { siteId: site.id })).id];
  const programme = await buildProgramme(t.dataSource);
  const product = await buildDepartment(t.dataSource, { name: `Product ${site.id.slice(0, 6)}` });
  const hardware = await buildDepartment(t.dataSource, { name: `Hardware ${site.id.slice(0, 6)}` });
  return {
    siteId: site.id,
    programmeId: programme.id,
    deskIds,
    product,
    hardware,
    productHead: await signedIn(t, await buildHead(t.dataSource, { heads: [product], siteId: site.id })),
    hardwareHead: await signedIn(t, await buildHead(t.dataSource, { heads: [hardware], siteId: site.id })),
    hr: await signedIn(t, await buildHr(t.dataSource, { siteId: site.id })),
    employee: await signedIn(t, await buildEmployee(t.dataSource, { siteId: site.id })),
  };
}

/** An employee on rotation at the desk, with an assignment to log shifts on. */
export async function buildRotatingPerson(t: TestApp, org: LearningsOrganisation, deskId = org.deskIds[0]): Promise<Person & { assignmentId: string }> {
  const employee = await buildEmployee(t.dataSource, { siteId: org.siteId });
  const assignmentId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: org.programmeId, deskId, firstWeek: '2027-W05', status: 'in-progress' });
  return { id: employee.id, fullName: employee.fullName, email: employee.email, assignmentId };
}

export async function logShift(
  t: TestApp,
  person: { id: string; assignmentId: string },
  startsAt: string,
  contacts: number,
  stage: 'shadowing' | 'paired' | 'solo' = 'solo',
): Promise<string> {
  return buildShift(t.dataSource, { assignmentId: person.assignmentId, employeeId: person.id, startsAt, contacts, stage });
}

export interface InsightFields {
  authorId: string;
  departments: Department[];
  summary: string;
  verbatim?: string;
  situation?: string;
  category?: string;
  productArea?: string | null;
  severity?: 'minor' | 'significant' | 'severe';
  contactsRaised?: number;
  sensitive?: boolean;
  status?: 'new' | 'acknowledged' | 'planned' | 'done' | 'wont-do';
  shiftId?: string | null;
  /** An instant; now unless given. */
  createdAt?: string;
  tags?: string[];
  mergedIntoId?: string;
}

/** An insight saved directly, as if written earlier (usability, Phone menu, minor, 1 contact, unless told otherwise); returns its id. */
export async function insertInsight(dataSource: DataSource, fields: InsightFields): Promise<string> {
  const [row]: { id: string }[] = await dataSource.query(
    `INSERT INTO insights (author_id, shift_id, summary, verbatim, situation, category_id, product_area_id, severity, contacts_raised,
                           sensitive, status, merged_into_id, merged_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, (SELECT id FROM insight_categories WHERE lower(name) = lower($6)),
             (SELECT id FROM product_areas WHERE lower(name) = lower($7)), $8, $9, $10, $11, $12,
             CASE WHEN $12::uuid IS NULL THEN NULL ELSE now() END, coalesce($13::timestamptz, now()), coalesce($13::timestamptz, now()))
     RETURNING id`,
    [
      fields.authorId,
      fields.shiftId ?? null,
      fields.summary,
      fields.verbatim ?? `The customer said: ${fields.summary}`,
      fields.situation ?? null,
      fields.category ?? 'usability',
      fields.productArea === undefined ? 'Phone menu' : fields.productArea,
      fields.severity ?? 'minor',
      fields.contactsRaised ?? 1,
      fields.sensitive ?? false,
      fields.status ?? 'new',
      fields.mergedIntoId ?? null,
      fields.createdAt ?? null,
    ],
  );
  for (const department of fields.departments) {
    await dataSource.query(`INSERT INTO insight_departments (insight_id, department_id) VALUES ($1, $2)`, [row.id, department.id]);
  }
  for (const tag of fields.tags ?? []) await dataSource.query(`INSERT INTO insight_tags (insight_id, tag) VALUES ($1, $2)`, [row.id, tag]);
  return row.id;
}

/** "I heard this too", saved directly. */
export async function insertEcho(
  dataSource: DataSource,
  fields: { insightId: string; employeeId: string; contacts: number; createdAt?: string; shiftId?: string | null },
): Promise<void> {
  await dataSource.query(`INSERT INTO insight_echoes (insight_id, employee_id, shift_id, contacts, created_at) VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()))`, [
    fields.insightId,
    fields.employeeId,
    fields.shiftId ?? null,
    fields.contacts,
    fields.createdAt ?? null,
  ]);
}

export interface Told {
  kind: string;
  to: string;
  subject: string;
  body: string;
}

/** The notices an employee was sent, with their outbox messages, oldest first. */
export function noticesOf(dataSource: DataSource, employeeId: string): Promise<Told[]> {
  return dataSource.query(
    `SELECT n.kind, m.to_address AS "to", m.subject, m.body
       FROM notices n JOIN outbox_messages m ON m.id = n.outbox_message_id
      WHERE n.employee_id = $1 ORDER BY m.id`,
    [employeeId],
  );
}

/** Departments routed to, by name, in order. */
export async function routedDepartments(dataSource: DataSource, insightId: string): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT d.name FROM insight_departments x JOIN departments d ON d.id = x.department_id WHERE x.insight_id = $1 ORDER BY d.name`,
    [insightId],
  );
  return rows.map((row) => row.name);
}
