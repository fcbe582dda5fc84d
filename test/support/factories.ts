// Builds the rows a test needs, each with unique names, so tests never depend on one another or on the demo seed.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AbsenceType } from '../../src/absences/absence';
import { hashPassword } from '../../src/auth/passwords';
import { Department } from '../../src/people/department.entity';
import { Employee } from '../../src/people/employee.entity';
import type { Role } from '../../src/people/roles';
import { Site } from '../../src/people/site.entity';
import { Desk } from '../../src/rotations/desk.entity';
import { Programme } from '../../src/rotations/programme.entity';
import { ProgrammeStage } from '../../src/rotations/programme-stage.entity';
import { weekDates } from '../../src/schedule/week-dates';

export const testPassword = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;
const unique = () => randomUUID().slice(0, 8);

export async function buildSite(dataSource: DataSource, fields: Partial<Site> = {}): Promise<Site> {
  return dataSource.getRepository(Site).save({ name: `Site ${unique()}`, timeZone: 'Europe/Berlin', countryCode: 'DE', ...fields });
}

export async function buildDepartment(dataSource: DataSource, fields: Partial<Department> = {}): Promise<Department> {
  return dataSource.getRepository(Department).save({ name: `Department ${unique()}`, ...fields });
}

export interface EmployeeFields extends Partial<Omit<Employee, 'roles'>> {
  roles?: Role[];
  /** Departments this person heads (adds the head role). */
  heads?: Department[];
  password?: string | null;
}

export async function buildEmployee(dataSource: DataSource, fields: EmployeeFields = {}): Promise<Employee> {
  const { heads = [], password = testPassword, ...columns } = fields;
  const departmentId = columns.departmentId ?? (await buildDepartment(dataSource)).id;
  const siteId = columns.siteId ?? (await buildSite(dataSource)).id;
  const roles = new Set<Role>(['employee', ...(columns.roles ?? [])]);
  if (heads.length) roles.add('head');
  const passwordHash = password === null ? null : password === testPassword ? await (testPasswordHash ??= hashPassword(testPassword)) : await hashPassword(password);
  const tag = unique();
  const employee = await dataSource.getRepository(Employee).save({
    fullName: `Test Person ${tag}`,
    email: `person.${tag}@example.test`,
    jobTitle: 'Analyst',
    hireDate: '2024-01-15',
    terminationDate: null,
    ...columns,
    passwordHash,
    departmentId,
    siteId,
    roles: [...roles],
  });
  for (const department of heads) {
    await dataSource.query('INSERT INTO department_heads (department_id, employee_id) VALUES ($1, $2)', [department.id, employee.id]);
  }
  return employee;
}

export const buildHr = (dataSource: DataSource, fields: EmployeeFields = {}) => buildEmployee(dataSource, { ...fields, roles: ['hr', ...(fields.roles ?? [])] });

export async function buildHead(dataSource: DataSource, fields: EmployeeFields = {}): Promise<Employee> {
  const heads = fields.heads ?? [await buildDepartment(dataSource)];
  return buildEmployee(dataSource, { departmentId: heads[0].id, ...fields, heads });
}

export interface DeskFields extends Partial<Omit<Desk, 'hostableSites'>> {
  /** Empty or missing: the desk hosts every site. */
  hostableSiteIds?: string[];
}

export async function buildDesk(dataSource: DataSource, fields: DeskFields = {}): Promise<Desk> {
  const { hostableSiteIds = [], ...columns } = fields;
  const siteId = columns.siteId ?? (await buildSite(dataSource)).id;
  return dataSource.getRepository(Desk).save({
    name: `Desk ${unique()}`,
    workingDays: [1, 2, 3, 4, 5],
    startTime: '09:00',
    endTime: '17:00',
    weeklyCapacity: 4,
    ...columns,
    siteId,
    hostableSites: hostableSiteIds.map((id) => ({ id })),
  });
}

export interface ProgrammeFields extends Partial<Omit<Programme, 'departments' | 'stages'>> {
  /** Empty or missing: the programme applies to every department. */
  departmentIds?: string[];
}

/** A recurring programme of four weeks every twelve months unless told otherwise, with one stage as long as it is. */
export async function buildProgramme(dataSource: DataSource, fields: ProgrammeFields = {}): Promise<Programme> {
  const { departmentIds = [], ...columns } = fields;
  const kind = columns.kind ?? 'recurring';
  const timing = kind === 'onboarding' ? { startWithinWeeks: 2 } : { everyMonths: 12, earlyWeeks: 4 };
  const programme = await dataSource.getRepository(Programme).save({
    name: `Programme ${unique()}`,
    lengthWeeks: 4,
    expectedHoursPerWeek: 20,
    ...timing,
    ...columns,
    kind,
    departments: departmentIds.map((id) => ({ id })),
  });
  await dataSource.getRepository(ProgrammeStage).save({ programmeId: programme.id, position: 1, name: 'Solo', amount: programme.lengthWeeks, unit: 'weeks' });
  return programme;
}

export interface AbsenceFactoryFields {
  type?: AbsenceType;
  startsOn: string;
  endsOn: string;
  note?: string | null;
}

/** An absence saved directly, as if recorded earlier; returns its id. */
export async function buildAbsence(dataSource: DataSource, employeeId: string, fields: AbsenceFactoryFields): Promise<string> {
  const [row]: { id: string }[] = await dataSource.query(
    `INSERT INTO absences (employee_id, type, starts_on, ends_on, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [employeeId, fields.type ?? 'vacation', fields.startsOn, fields.endsOn, fields.note ?? null],
  );
  return row.id;
}

export interface AssignmentFactoryFields {
  employeeId: string;
  programmeId: string;
  deskId: string;
  /** An ISO week such as 2027-W05. */
  firstWeek: string;
  weeks?: number;
  status?: 'scheduled' | 'in-progress' | 'completed' | 'deferred' | 'cancelled';
}

/** An assignment saved directly, as if published earlier (four weeks, scheduled, unless told otherwise); returns its id. */
export async function buildAssignment(dataSource: DataSource, fields: AssignmentFactoryFields): Promise<string> {
  const weeks = fields.weeks ?? 4;
  const { startsOn, endsOn } = weekDates(fields.firstWeek, weeks);
  const [row]: { id: string }[] = await dataSource.query(
    `INSERT INTO assignments (employee_id, programme_id, desk_id, first_week, weeks, starts_on, ends_on, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [fields.employeeId, fields.programmeId, fields.deskId, fields.firstWeek, weeks, startsOn, endsOn, fields.status ?? 'scheduled'],
  );
  return row.id;
}

export interface ShiftFactoryFields {
  assignmentId: string;
  employeeId: string;
  /** An instant, e.g. 2027-03-29T09:00:00+02:00. */
  startsAt: string;
  hours?: number;
  stage?: 'shadowing' | 'paired' | 'solo';
  channel?: 'phone' | 'chat' | 'email' | 'social' | 'in-person';
  contacts?: number;
}

/** A shift saved directly, as if logged earlier (four hours, solo, by phone, unless told otherwise); returns its id. */
export async function buildShift(dataSource: DataSource, fields: ShiftFactoryFields): Promise<string> {
  const [row]: { id: string }[] = await dataSource.query(
    `INSERT INTO shifts (assignment_id, employee_id, starts_at, ends_at, channel, contacts, stage)
     VALUES ($1, $2, $3::timestamptz, $3::timestamptz + $4 * interval '1 hour', $5, $6, $7) RETURNING id`,
    [fields.assignmentId, fields.employeeId, fields.startsAt, fields.hours ?? 4, fields.channel ?? 'phone', fields.contacts ?? 10, fields.stage ?? 'solo'],
  );
  return row.id;
}
