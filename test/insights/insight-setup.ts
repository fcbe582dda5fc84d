// A small organisation for the insight tests: departments to route to, a desk and programme, and employees with
// logged shifts; plus insights saved directly, as if written earlier.
import type { DataSource } from 'typeorm';
import type { Department } from '../../src/people/department.entity';
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildShift, buildSite, type EmployeeFields } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import type { TestApp } from '../support/test-app';
import { postForm, type FormFields } from '../rotations/forms';

export interface InsightOrganisation {
  siteId: string;
  deskId: string;
  programmeId: string;
  product: Department;
  hardware: Department;
  fulfilment: Department;
  hr: Agent;
  hrName: string;
}

export async function buildInsightOrganisation(t: TestApp): Promise<InsightOrganisation> {
  const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const desk = await buildDesk(t.dataSource, { siteId: site.id, name: `Returns phone ${site.id.slice(0, 4)}` });
  const programme = await buildProgramme(t.dataSource);
  const [product, hardware, fulfilment] = [await buildDepartment(t.dataSource), await buildDepartment(t.dataSource), await buildDepartment(t.dataSource)];
  const hrPerson = await buildHr(t.dataSource, { siteId: site.id });
  return { siteId: site.id, deskId: desk.id, programmeId: programme.id, product, hardware, fulfilment, hr: await signIn(t.app, hrPerson.email), hrName: hrPerson.fullName };
}

export interface Author {
  id: string;
  fullName: string;
  agent: Agent;
  /** Earliest first; the last one is the latest shift. */
  shiftIds: string[];
}

/** An employee with a rotation and one logged shift per entry of `contacts` (a day apart), signed in. */
export async function buildAuthor(t: TestApp, org: InsightOrganisation, contacts: number[] = [12], fields: EmployeeFields = {}): Promise<Author> {
  const employee = await buildEmployee(t.dataSource, { siteId: org.siteId, ...fields });
  const assignmentId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: org.programmeId, deskId: org.deskId, firstWeek: '2027-W13', status: 'in-progress' });
  const shiftIds: string[] = [];
  for (const [index, count] of contacts.entries()) {
    shiftIds.push(await buildShift(t.dataSource, { assignmentId, employeeId: employee.id, startsAt: `2027-03-${29 + index}T09:00:00+02:00`, contacts: count }));
  }
  return { id: employee.id, fullName: employee.fullName, agent: await signIn(t.app, employee.email), shiftIds };
}

export async function buildDepartmentHead(t: TestApp, heads: Department[]): Promise<{ id: string; agent: Agent; fullName: string }> {
  const head = await buildHead(t.dataSource, { heads });
  return { id: head.id, agent: await signIn(t.app, head.email), fullName: head.fullName };
}

export async function categoryId(dataSource: DataSource, name: string): Promise<string> {
  const [row] = await dataSource.query(`SELECT id FROM insight_categories WHERE lower(name) = lower($1)`, [name]);
  return row.id;
}

export async function productAreaId(dataSource: DataSource, name: string): Promise<string> {
  const [row] = await dataSource.query(`SELECT id FROM product_areas WHERE lower(name) = lower($1)`, [name]);
  return row.id;
}

export async function insightFields(t: TestApp, author: Author, departments: Department[], fields: FormFields = {}): Promise<FormFields> {
  return {
    intent: 'save',
    summary: 'Callers cannot find the returns option in the phone menu',
    verbatim: 'I pressed every number twice and never reached returns.',
    situation: '',
    categoryId: await categoryId(t.dataSource, 'usability'),
    productAreaId: await productAreaId(t.dataSource, 'Phone menu'),
    severity: 'significant',
    shiftId: author.shiftIds[author.shiftIds.length - 1],
    contactsRaised: 3,
    tags: 'returns, menu',
    departmentIds: departments.map((department) => department.id),
    ...fields,
  };
}

export async function writeInsight(t: TestApp, author: Author, departments: Department[], fields: FormFields = {}) {
  return postForm(author.agent, '/me/insights', await insightFields(t, author, departments, fields));
}

export interface SavedInsight {
  id: string;
  summary: string;
  verbatim: string;
  situation: string | null;
  severity: string;
  contacts_raised: number;
  shift_id: string;
  sensitive: boolean;
  masked: { field: string; kind: string; count: number }[];
  merged_into_id: string | null;
  tags: string[];
  departments: string[];
}

export async function insightsBy(dataSource: DataSource, authorId: string): Promise<SavedInsight[]> {
  return dataSource.query(
    `SELECT i.id, i.summary, i.verbatim, i.situation, i.severity, i.contacts_raised, i.shift_id, i.sensitive, i.masked, i.merged_into_id,
            array(SELECT tag FROM insight_tags t WHERE t.insight_id = i.id ORDER BY tag) AS tags,
            array(SELECT department_id::text FROM insight_departments d WHERE d.insight_id = i.id ORDER BY department_id) AS departments
       FROM insights i WHERE i.author_id = $1 ORDER BY i.created_at`,
    [authorId],
  );
}

export interface InsightRowFields {
  summary: string;
  verbatim?: string;
  category?: string;
  shiftId?: string | null;
  contactsRaised?: number;
  sensitive?: boolean;
  departments: Department[];
  tags?: string[];
  createdAt?: string;
}

/** An insight saved directly, as if written earlier; returns its id. */
export async function buildInsight(dataSource: DataSource, authorId: string, fields: InsightRowFields): Promise<string> {
  const [{ id }] = await dataSource.query(
    `INSERT INTO insights (author_id, shift_id, summary, verbatim, category_id, severity, contacts_raised, sensitive, created_at)
     VALUES ($1, $2, $3, $4, (SELECT id FROM insight_categories WHERE name = $5), 'significant', $6, $7, coalesce($8::timestamptz, now())) RETURNING id`,
    [authorId, fields.shiftId ?? null, fields.summary, fields.verbatim ?? fields.summary, fields.category ?? 'usability', fields.contactsRaised ?? 1, fields.sensitive ?? false, fields.createdAt ?? null],
  );
  await dataSource.query(`INSERT INTO insight_departments (insight_id, department_id) SELECT $1, unnest($2::uuid[])`, [id, fields.departments.map((department) => department.id)]);
  await dataSource.query(`INSERT INTO insight_tags (insight_id, tag) SELECT $1, unnest($2::text[])`, [id, fields.tags ?? []]);
  return id;
}

export { postForm, type FormFields };
