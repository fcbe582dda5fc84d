// Small hand-made organisations for the planner tests, and planAndCheck, which every test plans through so the
// independent checker sees every plan a test makes.
import { DateTime } from 'luxon';
import { checkPlan, planRotations } from '../../src/planner';
import type { AssignmentBlock, Plan, PlannerDepartment, PlannerDesk, PlannerPerson, PlannerProgramme, PlanningInput } from '../../src/planner';

/** Monday 2027-01-11; winter, so London is on UTC. */
export const FIRST_WEEK = '2027-W02';

export function buildDepartment(overrides: Partial<PlannerDepartment> = {}): PlannerDepartment {
  return { id: 'support', name: 'Support', activeHeadcount: 100, maxSharePercent: 100, blackoutWeeks: [], ...overrides };
}

/** London, Monday to Friday 09:00-17:00, one person a week. */
export function buildDesk(overrides: Partial<PlannerDesk> = {}): PlannerDesk {
  return {
    id: 'london-phone',
    name: 'London phone',
    timeZone: 'Europe/London',
    hostableSiteIds: null,
    pattern: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    weeklyCapacity: 1,
    capacityOverrides: {},
    ...overrides,
  };
}

/** Hired long ago in London, never rotated. */
export function buildPerson(overrides: Partial<PlannerPerson> = {}): PlannerPerson {
  return {
    id: 'ada',
    name: 'Ada',
    departmentId: 'support',
    siteId: 'london',
    timeZone: 'Europe/London',
    hireDate: '2020-01-06',
    terminationDate: null,
    absences: [],
    exemptProgrammeIds: [],
    completedProgrammeIds: ['onboarding'],
    lastRotationEnd: null,
    ...overrides,
  };
}

/** Starts within two weeks of the hire date, one week long. */
export function buildOnboarding(overrides: Partial<PlannerProgramme> = {}): PlannerProgramme {
  return {
    id: 'onboarding',
    name: 'Onboarding',
    kind: 'onboarding',
    lengthWeeks: 1,
    departmentIds: null,
    startWithinWeeks: 2,
    appliesToHiresFrom: null,
    everyMonths: 0,
    earlyWeeks: 0,
    ...overrides,
  };
}

/** Every twelve months, one week long, never early. */
export function buildRefresher(overrides: Partial<PlannerProgramme> = {}): PlannerProgramme {
  return {
    id: 'refresher',
    name: 'Refresher',
    kind: 'recurring',
    lengthWeeks: 1,
    departmentIds: null,
    startWithinWeeks: 0,
    appliesToHiresFrom: null,
    everyMonths: 12,
    earlyWeeks: 0,
    ...overrides,
  };
}

export function buildOrganisation(overrides: Partial<PlanningInput> = {}): PlanningInput {
  return {
    firstWeek: FIRST_WEEK,
    horizonWeeks: 8,
    departments: [buildDepartment()],
    desks: [buildDesk()],
    programmes: [buildRefresher()],
    people: [],
    fixed: [],
    ...overrides,
  };
}

/**
 * Someone whose twelve-monthly refresher falls due in the given week (their last rotation ended a year before its
 * Wednesday), so with earlyWeeks 0 the only on-time start is that week.
 */
export function dueIn(week: string, overrides: Partial<PlannerPerson> = {}): PlannerPerson {
  const lastRotationEnd = DateTime.fromISO(`${week}-3`, { zone: 'utc' }).minus({ years: 1 }).toISODate()!;
  return buildPerson({ lastRotationEnd, ...overrides });
}

/** Plans, asserts the checker finds nothing wrong and that every due pair is placed or explained, returns the plan. */
export function planAndCheck(input: PlanningInput): Plan {
  const plan = planRotations(input);
  expect(checkPlan(input, [...input.fixed, ...plan.assignments])).toEqual([]);
  expect(plan.figures.peopleDue).toBe(plan.assignments.length + plan.unplaced.length);
  for (const entry of plan.unplaced) expect(entry.explanation.length).toBeGreaterThan(0);
  return plan;
}

export function assignmentOf(plan: Plan, personId: string, programmeId = 'refresher') {
  return plan.assignments.find((assignment) => assignment.personId === personId && assignment.programmeId === programmeId);
}

export function unplacedOf(plan: Plan, personId: string, programmeId = 'refresher') {
  return plan.unplaced.find((entry) => entry.personId === personId && entry.programmeId === programmeId);
}

export function block(overrides: Partial<AssignmentBlock> = {}): AssignmentBlock {
  return { personId: 'ada', programmeId: 'refresher', deskId: 'london-phone', firstWeek: '2027-W03', weeks: 1, ...overrides };
}
