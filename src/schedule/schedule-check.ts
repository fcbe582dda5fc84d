// Checks a change to the published schedule with the planner's own checker: the changed blocks against every
// other scheduled and in-progress assignment, which stay fixed.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { RuleViolation } from '../http/errors';
import { checkPlan, weekNumber, type AssignmentBlock, type IsoDate, type PlannerPerson, type PlanningInput, type Violation, type ViolationRule } from '../planner';
import { loadPlanningPeople, loadPublishedAssignments, type PublishedAssignment } from '../plan-runs/planning-people';
import { nextMonday } from '../plan-runs/plan-runs.service';
import { loadPlanningModel } from '../rotations/planning-input';
import { weekOf } from './week-dates';

/** How far ahead employees may move their rotation. */
export const changeHorizonWeeks = 26;

/** A change that would break rules, each named in words; nothing of it is saved. */
export class ScheduleRuleBroken extends RuleViolation {
  constructor(readonly reasons: string[]) {
    super(`This change would break the rules: ${reasons.join('; ')}.`);
  }
}

/** The earliest week a change may touch: the week under way never changes, as with the planner. */
export function firstChangeableWeek(today: IsoDate): string {
  return weekOf(nextMonday(today));
}

export function checkChangeableWeek(week: string, today: IsoDate): void {
  const first = firstChangeableWeek(today);
  if (weekNumber(week) < weekNumber(first)) throw new RuleViolation(`Choose ${first} or later: weeks under way or past cannot change.`);
}

/** Weeks from the first changeable one, `count` of them. */
export function changeableWeeks(today: IsoDate, count = changeHorizonWeeks): string[] {
  const monday = DateTime.fromISO(nextMonday(today), { zone: 'utc' });
  return Array.from({ length: count }, (_, index) => weekOf(monday.plus({ weeks: index }).toISODate()!));
}

// Rules over several assignments at once: only these can be broken by the others together with a changed block.
const sharedRules = new Set<ViolationRule>(['desk-capacity', 'department-limit', 'blackout', 'overlap']);

interface Span {
  first: number;
  last: number;
}

const spanOf = (block: AssignmentBlock): Span => ({ first: weekNumber(block.firstWeek), last: weekNumber(block.firstWeek) + block.weeks - 1 });
const overlaps = (a: Span, b: Span) => a.first <= b.last && b.first <= a.last;

function group<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value === undefined) continue;
    const list = groups.get(value);
    if (list) list.push(item);
    else groups.set(value, [item]);
  }
  return groups;
}

export class ScheduleChecker {
  private readonly people: Map<string, PlannerPerson>;
  private readonly byDesk: Map<string, PublishedAssignment[]>;
  private readonly byPerson: Map<string, PublishedAssignment[]>;
  private readonly byDepartment: Map<string, PublishedAssignment[]>;

  constructor(
    readonly input: PlanningInput,
    published: PublishedAssignment[],
    private readonly siteNames: Map<string, string>,
  ) {
    this.people = new Map(input.people.map((person) => [person.id, person]));
    this.byDesk = group(published, (assignment) => assignment.deskId);
    this.byPerson = group(published, (assignment) => assignment.personId);
    this.byDepartment = group(published, (assignment) => this.people.get(assignment.personId)?.departmentId);
  }

  /**
   * What would break if the `changed` blocks replaced the assignments with the ids in `replacing`; empty when the
   * change is legal. Only the assignments sharing a desk, a department or a person with a changed block in its
   * weeks can matter, so only those are checked, which keeps one check fast on a schedule of 100,000.
   */
  check(changed: AssignmentBlock[], replacing: string[]): string[] {
    const replaced = new Set(replacing);
    const departmentOf = (personId: string) => this.people.get(personId)?.departmentId;
    const departments = new Set(changed.map((block) => departmentOf(block.personId)).filter((id): id is string => id !== undefined));
    const spans = changed.map(spanOf);
    const neighbours = new Set<PublishedAssignment>();
    changed.forEach((block, index) => {
      const department = departmentOf(block.personId);
      const nearby = [
        ...(this.byDesk.get(block.deskId) ?? []),
        ...(this.byPerson.get(block.personId) ?? []),
        ...(department ? (this.byDepartment.get(department) ?? []) : []),
      ];
      for (const other of nearby) if (!replaced.has(other.id) && overlaps(spanOf(other), spans[index])) neighbours.add(other);
    });
    // The checker counts a department's people on rotation through the people it is given: those are the changed
    // blocks' people and their department colleagues among the neighbours, a few hundred rather than everyone.
    const peopleIds = new Set(changed.map((block) => block.personId));
    for (const other of neighbours) if (departments.has(departmentOf(other.personId) ?? '')) peopleIds.add(other.personId);
    const people = [...peopleIds].flatMap((id) => this.people.get(id) ?? []);
    const input: PlanningInput = { ...this.input, people, fixed: [...neighbours] };

    const concernsChange = (violation: Violation) =>
      changed.some((block, index) => {
        if (violation.week === undefined || !overlaps({ first: weekNumber(violation.week), last: weekNumber(violation.week) }, spans[index])) return false;
        if (violation.rule === 'desk-capacity') return violation.deskId === block.deskId;
        if (violation.rule === 'overlap') return violation.personId === block.personId;
        return violation.departmentId === departmentOf(block.personId);
      });
    // The neighbours' own rules were checked when they were placed. Naming no programme, they count for desks,
    // departments and overlaps as before, while the checker skips its costly per-assignment rules for them.
    const counted = [...neighbours].map((other): AssignmentBlock => ({ personId: other.personId, programmeId: '', deskId: other.deskId, firstWeek: other.firstWeek, weeks: other.weeks }));
    const violations = [
      ...checkPlan(input, changed),
      ...checkPlan(input, [...counted, ...changed]).filter((violation) => sharedRules.has(violation.rule) && concernsChange(violation)),
    ];
    return [...new Set(violations.map((violation) => this.inWords(violation)))];
  }

  /** The checker names a person's site by its id; people know it by name. */
  private inWords(violation: Violation): string {
    const siteId = violation.rule === 'desk-site' && violation.personId ? this.people.get(violation.personId)?.siteId : undefined;
    return siteId ? violation.message.replace(siteId, this.siteNames.get(siteId) ?? siteId) : violation.message;
  }

  /** Throws ScheduleRuleBroken unless the change is legal. */
  require(changed: AssignmentBlock[], replacing: string[]): void {
    const reasons = this.check(changed, replacing);
    if (reasons.length) throw new ScheduleRuleBroken(reasons);
  }
}

/** The checker loaded with the organisation and the schedule as they are now, in the caller's transaction. */
export async function loadScheduleChecker(manager: EntityManager, today: IsoDate): Promise<ScheduleChecker> {
  const model = await loadPlanningModel(manager, today);
  const people = await loadPlanningPeople(manager, today);
  const published = await loadPublishedAssignments(manager, today);
  const input: PlanningInput = {
    firstWeek: firstChangeableWeek(today),
    horizonWeeks: changeHorizonWeeks,
    ...model,
    people,
    fixed: published.map(({ personId, programmeId, deskId, firstWeek, weeks }) => ({ personId, programmeId, deskId, firstWeek, weeks })),
  };
  const sites: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM sites`);
  return new ScheduleChecker(input, published, new Map(sites.map((site) => [site.id, site.name])));
}
