// Builds a believable organisation: the demo one `npm start` creates, and larger ones for benchmarks.
import { randomUUID } from 'node:crypto';
import { Faker, en } from '@faker-js/faker';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { seedInsightHistory } from './insight-history';
import { seedRotationModel } from './rotation-model';
import { seedAbsences, seedScheduleHistory } from './schedule-history';
import { seedShiftHistory } from './shift-history';
import { bulkInsert } from '../db/bulk-insert';
import type { Role } from '../people/roles';

export const demoDomain = 'frontline.demo';
export const demoPassword = 'demo-password-2026';

interface DepartmentPlan {
  name: string;
  slug: string;
  weight: number;
  titles: string[];
}

const departmentPlans: DepartmentPlan[] = [
  { name: 'Engineering', slug: 'engineering', weight: 22, titles: ['Software Engineer', 'Senior Software Engineer', 'Site Reliability Engineer', 'QA Engineer'] },
  { name: 'Product & UX', slug: 'product', weight: 8, titles: ['Product Manager', 'UX Designer', 'UX Researcher', 'Content Designer'] },
  { name: 'Hardware & Suppliers', slug: 'hardware', weight: 9, titles: ['Hardware Engineer', 'Supplier Quality Engineer', 'Procurement Specialist'] },
  { name: 'Fulfilment', slug: 'fulfilment', weight: 12, titles: ['Warehouse Lead', 'Logistics Coordinator', 'Returns Specialist'] },
  { name: 'Billing', slug: 'billing', weight: 6, titles: ['Billing Analyst', 'Accounts Receivable Specialist'] },
  { name: 'Marketing', slug: 'marketing', weight: 8, titles: ['Marketing Manager', 'Copywriter', 'Growth Analyst'] },
  { name: 'Sales', slug: 'sales', weight: 11, titles: ['Account Executive', 'Sales Development Representative', 'Solutions Consultant'] },
  { name: 'Finance', slug: 'finance', weight: 5, titles: ['Financial Analyst', 'Controller', 'Accountant'] },
  { name: 'People/HR', slug: 'people', weight: 4, titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'] },
  { name: 'Customer Support', slug: 'support', weight: 15, titles: ['Support Agent', 'Senior Support Agent', 'Support Team Lead'] },
];

const sitePlans = [
  { name: 'Berlin', timeZone: 'Europe/Berlin', countryCode: 'DE', weight: 4 },
  { name: 'Dublin', timeZone: 'Europe/Dublin', countryCode: 'IE', weight: 2 },
  { name: 'Austin', timeZone: 'America/Chicago', countryCode: 'US', weight: 3 },
  { name: 'Singapore', timeZone: 'Asia/Singapore', countryCode: 'SG', weight: 1 },
];

export interface OrganisationOptions {
  employees: number;
  today: DateTime;
  /** One hash for every seeded account: hashing per person would take minutes at 100,000 people. */
  passwordHash: string;
  randomSeed?: number;
  onProgress?: (step: SeedStep, done: number, total: number) => void;
}

/** The parts of an organisation, in the order they are seeded. */
export type SeedStep = 'employees' | 'absences' | 'rotations' | 'shifts' | 'insights';

interface EmployeeRow {
  id: string;
  fullName: string;
  email: string;
  departmentId: string;
  siteId: string;
  jobTitle: string;
  hireDate: string;
  roles: Role[];
}

function pickWeighted<T extends { weight: number }>(faker: Faker, items: T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = faker.number.float({ min: 0, max: total });
  for (const item of items) {
    roll -= item.weight;
    if (roll <= 0) return item;
  }
  return items[items.length - 1];
}

/**
 * Creates sites, departments and people, with one HR user and one head per department, and five years of their
 * history: absences, rotations (the next 52 weeks published), logged shifts and insights. Runs inside the caller's transaction.
 */
export async function seedOrganisation(manager: EntityManager, options: OrganisationOptions): Promise<void> {
  const minimum = departmentPlans.length + 2;
  if (options.employees < minimum) throw new Error(`An organisation needs at least ${minimum} employees.`);
  const onProgress = options.onProgress ?? (() => undefined);
  const faker = new Faker({ locale: [en] });
  faker.seed(options.randomSeed ?? 2026);

  const sites = sitePlans.map((plan) => ({ ...plan, id: randomUUID() }));
  await bulkInsert(
    manager,
    'sites',
    [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'text' }, { name: 'time_zone', type: 'text' }, { name: 'country_code', type: 'text' }],
    sites.map((site) => [site.id, site.name, site.timeZone, site.countryCode]),
  );
  const departments = departmentPlans.map((plan) => ({ ...plan, id: randomUUID() }));
  await bulkInsert(
    manager,
    'departments',
    [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'text' }],
    departments.map((department) => [department.id, department.name]),
  );

  const fiveYearsAgo = options.today.minus({ years: 5 });
  const nextMonth = options.today.plus({ months: 1 }).startOf('month');
  const usedEmails = new Set<string>();
  const uniqueEmail = (local: string) => {
    let email = `${local}@${demoDomain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${demoDomain}`;
    usedEmails.add(email);
    return email;
  };
  const person = (departmentIndex: number, roles: Role[], email?: string): EmployeeRow => {
    const department = departments[departmentIndex];
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    return {
      id: randomUUID(),
      fullName: `${firstName} ${lastName}`,
      email: uniqueEmail(email ?? local),
      departmentId: department.id,
      siteId: pickWeighted(faker, sites).id,
      jobTitle: faker.helpers.arrayElement(department.titles),
      hireDate: DateTime.fromMillis(faker.number.int({ min: fiveYearsAgo.toMillis(), max: options.today.minus({ days: 1 }).toMillis() })).toISODate()!,
      roles,
    };
  };

  const peopleDepartment = departments.findIndex((d) => d.slug === 'people');
  const engineering = departments.findIndex((d) => d.slug === 'engineering');
  const hr = person(peopleDepartment, ['employee', 'hr'], 'hr');
  const heads = departments.map((department, index) => person(index, ['employee', 'head'], `head.${department.slug}`));
  const plainEmployee = person(engineering, ['employee'], 'employee');
  const rows: EmployeeRow[] = [hr, ...heads, plainEmployee];

  const upcomingHires = Math.max(3, Math.round(options.employees * 0.02));
  while (rows.length < options.employees) {
    const row = person(departments.indexOf(pickWeighted(faker, departments)), ['employee']);
    if (rows.length >= options.employees - upcomingHires) {
      row.hireDate = nextMonth.plus({ days: faker.number.int({ min: 0, max: nextMonth.daysInMonth! - 1 }) }).toISODate()!;
    }
    rows.push(row);
  }

  await bulkInsert(
    manager,
    'employees',
    [
      { name: 'id', type: 'uuid' },
      { name: 'full_name', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'password_hash', type: 'text' },
      { name: 'department_id', type: 'uuid' },
      { name: 'site_id', type: 'uuid' },
      { name: 'job_title', type: 'text' },
      { name: 'hire_date', type: 'date' },
      { name: 'roles', type: 'text', convert: (value) => `string_to_array(${value}, ',')` },
    ],
    rows.map((row) => [row.id, row.fullName, row.email, options.passwordHash, row.departmentId, row.siteId, row.jobTitle, row.hireDate, row.roles.join(',')]),
    (done) => onProgress('employees', done, rows.length),
  );
  await bulkInsert(
    manager,
    'department_heads',
    [{ name: 'department_id', type: 'uuid' }, { name: 'employee_id', type: 'uuid' }],
    heads.map((head) => [head.departmentId, head.id]),
  );
  const model = await seedRotationModel(manager, { sites, departments, employees: options.employees, today: options.today });

  const people = rows.map(({ id, siteId, hireDate }) => ({ id, siteId, hireDate }));
  const today = options.today;
  await seedAbsences(manager, { faker, today, people, onProgress: (done, total) => onProgress('absences', done, total) });
  await seedScheduleHistory(manager, { faker, today, people, model, onProgress: (done, total) => onProgress('rotations', done, total) });
  await seedShiftHistory(manager, { today, randomSeed: faker.number.float({ min: -1, max: 1 }), onProgress: (done, total) => onProgress('shifts', done, total) });
  await seedInsightHistory(manager, { faker, today, departments, onProgress: (done, total) => onProgress('insights', done, total) });
}
