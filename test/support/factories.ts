// Builds the rows a test needs, each with unique names, so tests never depend on one another or on the demo seed.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { Department } from '../../src/people/department.entity';
import { Employee } from '../../src/people/employee.entity';
import type { Role } from '../../src/people/roles';
import { Site } from '../../src/people/site.entity';

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
