// Seeded random organisations for the planner benchmark: several sites and zones, departments with limits and
// blackouts, desks with patterns, capacities and overrides, five years of hires plus upcoming ones, absences, and
// a few fixed assignments that respect every rule.
import { DateTime } from 'luxon';
import type { AssignmentBlock, PlannerDepartment, PlannerDesk, PlannerPerson, PlannerProgramme, PlanningInput, WorkingPattern } from '../../src/planner';
import { weekLabel, weekNumber } from '../../src/planner';
import { seededRandom } from '../../src/planner/seeded-random';

export interface OrganisationSize {
  employees: number;
  horizonWeeks: number;
  seed: number;
  /** Desk capacity as a share of the average weekly demand; below 1 leaves some people late or unplaced. */
  capacityRatio: number;
}

const SITES = [
  { id: 'berlin', zone: 'Europe/Berlin' },
  { id: 'london', zone: 'Europe/London' },
  { id: 'new-york', zone: 'America/New_York' },
  { id: 'san-francisco', zone: 'America/Los_Angeles' },
  { id: 'tokyo', zone: 'Asia/Tokyo' },
  { id: 'bangalore', zone: 'Asia/Kolkata' },
];
const PATTERNS: WorkingPattern[] = [
  { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:30' },
  { days: [1, 2, 3, 4], start: '10:00', end: '20:00' },
  { days: [2, 3, 4, 5, 6], start: '12:00', end: '20:00' },
  { days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' },
];
export const FIRST_WEEK = '2027-W02';

export function generateOrganisation(size: OrganisationSize): PlanningInput {
  const random = seededRandom(size.seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const firstWeek = weekNumber(FIRST_WEEK);
  const horizonStart = DateTime.fromISO(`${FIRST_WEEK}-1`, { zone: 'utc' });
  const dateAt = (daysFromStart: number) => horizonStart.plus({ days: daysFromStart }).toISODate()!;
  const weekAt = (weeksFromStart: number) => weekLabel(firstWeek + weeksFromStart);

  const programmes: PlannerProgramme[] = [
    { id: 'onboarding', name: 'Onboarding', kind: 'onboarding', lengthWeeks: 2, departmentIds: null, startWithinWeeks: 2,
      appliesToHiresFrom: dateAt(-365), everyMonths: 0, earlyWeeks: 0 },
    { id: 'refresher', name: 'Yearly refresher', kind: 'recurring', lengthWeeks: 2, departmentIds: null, startWithinWeeks: 0,
      appliesToHiresFrom: null, everyMonths: 12, earlyWeeks: 3 },
  ];

  const departmentCount = Math.max(4, Math.round(size.employees / 60));
  const departmentOfPerson = Array.from({ length: size.employees }, () => between(0, departmentCount - 1));
  const headcounts = new Array<number>(departmentCount).fill(0);
  for (const department of departmentOfPerson) headcounts[department]++;
  const departments: PlannerDepartment[] = headcounts.map((activeHeadcount, d) => ({
    id: `dept-${d}`,
    name: `Department ${d}`,
    activeHeadcount,
    maxSharePercent: pick([4, 5, 6, 8, 10]),
    blackoutWeeks: Array.from({ length: between(0, 3) }, () => weekAt(between(0, size.horizonWeeks - 1))),
  }));

  const people: PlannerPerson[] = departmentOfPerson.map((department, p) => {
    const site = pick(SITES);
    const upcoming = random() < 0.04;
    const hireDay = upcoming ? between(0, size.horizonWeeks * 7 - 21) : -between(1, 5 * 365);
    const lastRotationEnd = hireDay < -365 && random() < 0.9 ? dateAt(-between(1, 365)) : null;
    return {
      id: `person-${String(p).padStart(6, '0')}`,
      name: `Person ${p}`,
      departmentId: `dept-${department}`,
      siteId: site.id,
      timeZone: site.zone,
      hireDate: dateAt(hireDay),
      terminationDate: random() < 0.03 ? dateAt(between(0, size.horizonWeeks * 7)) : null,
      absences: random() < 0.2 ? Array.from({ length: between(1, 2) }, () => absence(between(-20, size.horizonWeeks * 7), between(1, 12))) : [],
      exemptProgrammeIds: random() < 0.02 ? ['refresher'] : [],
      completedProgrammeIds: hireDay < -90 ? ['onboarding'] : [],
      lastRotationEnd,
    };
  });
  function absence(fromDay: number, days: number) {
    return { from: dateAt(fromDay), to: dateAt(fromDay + days - 1) };
  }

  // Roughly one refresher a year for everyone plus onboarding for recent and upcoming hires.
  const demandPerWeek = (size.employees * 2 * (size.horizonWeeks / 52) + size.employees * 0.1 * 2) / size.horizonWeeks;
  const desks: PlannerDesk[] = [];
  for (const site of SITES) {
    for (let d = 0; d < 2; d++) desks.push(deskAt(site.zone, [site.id], `${site.id}-${d}`));
  }
  desks.push(deskAt('Europe/Dublin', null, 'global-emea'), deskAt('America/Chicago', null, 'global-americas'));
  function deskAt(zone: string, hostableSiteIds: string[] | null, id: string): PlannerDesk {
    const overrides: Record<string, number> = {};
    for (let i = between(0, 3); i > 0; i--) overrides[weekAt(between(0, size.horizonWeeks - 1))] = random() < 0.5 ? 0 : between(1, 3);
    return { id, name: `Desk ${id}`, timeZone: zone, hostableSiteIds, pattern: pick(PATTERNS), weeklyCapacity: 0, capacityOverrides: overrides };
  }
  const perDesk = (demandPerWeek * size.capacityRatio) / desks.length;
  for (const desk of desks) desk.weeklyCapacity = Math.max(1, Math.round(perDesk * (0.6 + random() * 0.8)));

  return { firstWeek: FIRST_WEEK, horizonWeeks: size.horizonWeeks, departments, desks, programmes, people, fixed: fixedAssignments() };

  // A few people already have a published refresher in the first weeks; they are chosen so no rule is broken.
  function fixedAssignments(): AssignmentBlock[] {
    const fixed: AssignmentBlock[] = [];
    const deskLoad = new Map<string, number>();
    const departmentLoad = new Map<string, number>();
    for (const person of people) {
      if (random() > 0.02 || person.absences.length > 0 || person.terminationDate !== null || person.hireDate > dateAt(-30)) continue;
      if (person.exemptProgrammeIds.length > 0) continue;
      const start = between(0, 3);
      const desk = pick(desks.filter((candidate) => candidate.hostableSiteIds === null || candidate.hostableSiteIds.includes(person.siteId)));
      const department = departments.find((candidate) => candidate.id === person.departmentId)!;
      const limit = Math.max(1, Math.floor((department.maxSharePercent * department.activeHeadcount) / 100));
      const weeks = [weekAt(start), weekAt(start + 1)];
      const fits = weeks.every(
        (week) =>
          (deskLoad.get(`${desk.id}|${week}`) ?? 0) < (desk.capacityOverrides[week] ?? desk.weeklyCapacity) &&
          (departmentLoad.get(`${department.id}|${week}`) ?? 0) < limit &&
          !department.blackoutWeeks.includes(week),
      );
      if (!fits) continue;
      for (const week of weeks) {
        deskLoad.set(`${desk.id}|${week}`, (deskLoad.get(`${desk.id}|${week}`) ?? 0) + 1);
        departmentLoad.set(`${department.id}|${week}`, (departmentLoad.get(`${department.id}|${week}`) ?? 0) + 1);
      }
      fixed.push({ personId: person.id, programmeId: 'refresher', deskId: desk.id, firstWeek: weeks[0], weeks: 2 });
    }
    return fixed;
  }
}
