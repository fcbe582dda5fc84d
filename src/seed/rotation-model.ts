// The demo organisation's support desks, programmes and department limits, so the planner has work on first start.
import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

interface SeededSite {
  id: string;
  name: string;
  weight: number;
}

interface SeededDepartment {
  id: string;
  slug: string;
}

export interface RotationModelOptions {
  sites: SeededSite[];
  departments: SeededDepartment[];
  employees: number;
  today: DateTime;
}

const deskPlans = [
  { name: 'EMEA phone', site: 'Berlin', hosts: ['Berlin', 'Dublin'], days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
  { name: 'EMEA chat', site: 'Dublin', hosts: ['Berlin', 'Dublin'], days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
  { name: 'Americas phone and chat', site: 'Austin', hosts: ['Austin'], days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
  { name: 'APAC chat', site: 'Singapore', hosts: ['Singapore'], days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
];

// Everyone does two weeks a year, so a desk needs about 2/52 of its sites' people each week; a little more
// capacity than that leaves room for new hires and absences.
const seatsPerEmployee = 0.05;

export interface SeededDesk {
  id: string;
  hostSiteIds: string[];
  weeklyCapacity: number;
}

export interface SeededRotationModel {
  desks: SeededDesk[];
  onboardingProgrammeId: string;
  recurringProgrammeId: string;
}

export async function seedRotationModel(manager: EntityManager, options: RotationModelOptions): Promise<SeededRotationModel> {
  const desks: SeededDesk[] = [];
  const siteByName = new Map(options.sites.map((site) => [site.name, site]));
  const totalWeight = options.sites.reduce((sum, site) => sum + site.weight, 0);
  for (const plan of deskPlans) {
    const hosted = plan.hosts.map((name) => siteByName.get(name)!);
    const sharers = deskPlans.filter((other) => other.hosts.some((name) => plan.hosts.includes(name))).length;
    const people = (options.employees * hosted.reduce((sum, site) => sum + site.weight, 0)) / totalWeight;
    const capacity = Math.max(1, Math.round((people * seatsPerEmployee) / sharers));
    const [{ id }] = await manager.query(
      `INSERT INTO desks (name, site_id, working_days, start_time, end_time, weekly_capacity) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [plan.name, siteByName.get(plan.site)!.id, plan.days, plan.start, plan.end, capacity],
    );
    desks.push({ id, hostSiteIds: hosted.map((site) => site.id), weeklyCapacity: capacity });
    await manager.query(`INSERT INTO desk_hostable_sites (desk_id, site_id) SELECT $1, unnest($2::uuid[])`, [id, hosted.map((site) => site.id)]);
    // Closed between Christmas and New Year.
    const christmas = options.today.set({ month: 12, day: 28 });
    await manager.query(`INSERT INTO desk_capacity_overrides (desk_id, week, capacity) VALUES ($1, $2, 0)`, [id, christmas.toFormat("kkkk-'W'WW")]);
  }

  const onboarding = randomUUID();
  const recurring = randomUUID();
  await manager.query(
    `INSERT INTO programmes (id, name, kind, length_weeks, expected_hours_per_week, start_within_weeks, applies_to_hires_from)
     VALUES ($1, 'New-hire onboarding', 'onboarding', 2, 30, 2, $2)`,
    [onboarding, options.today.toISODate()],
  );
  await manager.query(
    `INSERT INTO programmes (id, name, kind, length_weeks, expected_hours_per_week, every_months, early_weeks)
     VALUES ($1, 'Annual front-line rotation', 'recurring', 2, 20, 12, 4)`,
    [recurring],
  );
  await manager.query(
    `INSERT INTO programme_stages (programme_id, position, name, amount, unit) VALUES
       ($1, 1, 'Shadowing', 1, 'weeks'), ($1, 2, 'Solo', 1, 'weeks'),
       ($2, 1, 'Paired', 1, 'weeks'), ($2, 2, 'Solo', 1, 'weeks')`,
    [onboarding, recurring],
  );

  // Finance closes its books in the last week of each quarter and cannot spare anyone then.
  const finance = options.departments.find((department) => department.slug === 'finance')!;
  const quarterCloses = [0, 3, 6, 9].map((months) => options.today.plus({ months }).endOf('quarter').startOf('week').toFormat("kkkk-'W'WW"));
  await manager.query(
    `INSERT INTO department_blackout_weeks (department_id, week, note) SELECT $1, unnest($2::text[]), 'Quarter close'`,
    [finance.id, quarterCloses],
  );
  return { desks, onboardingProgrammeId: onboarding, recurringProgrammeId: recurring };
}
