// Who is due for which programme, and in which weeks a start counts as on time.
import type { AssignmentBlock, PlannerPerson, PlannerProgramme, PlanningInput } from './types';
import { addMonths, mondayOfWeek, sundayOfWeek, weekNumber, weekOfDate } from './weeks';

export interface DueCandidate {
  personIndex: number;
  programmeIndex: number;
  dueWeek: number; // week numbers, see weeks.ts
  earliestWeek: number; // first week a start counts as on time (before the hire-date rule trims it further)
}

export function findDueCandidates(input: PlanningInput): DueCandidate[] {
  const firstWeek = weekNumber(input.firstWeek);
  const lastWeek = firstWeek + input.horizonWeeks - 1;
  const horizonStart = mondayOfWeek(firstWeek);
  const fixedByPerson = groupFixedByPerson(input.fixed);
  const candidates: DueCandidate[] = [];
  input.people.forEach((person, personIndex) => {
    // People who have already left are nobody's concern; those leaving later still show up, unplaced if need be.
    if (person.terminationDate !== null && person.terminationDate < horizonStart) return;
    const fixed = fixedByPerson.get(person.id) ?? [];
    input.programmes.forEach((programme, programmeIndex) => {
      if (!isCandidate(person, programme, fixed)) return;
      const window = programme.kind === 'onboarding' ? onboardingWindow(person, programme) : recurringWindow(person, programme, fixed);
      if (window && window.dueWeek <= lastWeek) candidates.push({ personIndex, programmeIndex, ...window });
    });
  });
  return candidates;
}

export function programmeAppliesTo(programme: PlannerProgramme, departmentId: string): boolean {
  return programme.departmentIds === null || programme.departmentIds.includes(departmentId);
}

/** A published onboarding block settles onboarding; a published recurring block only moves the next due date. */
function isCandidate(person: PlannerPerson, programme: PlannerProgramme, fixed: AssignmentBlock[]): boolean {
  return (
    programmeAppliesTo(programme, person.departmentId) &&
    !person.exemptProgrammeIds.includes(programme.id) &&
    !(programme.kind === 'onboarding' && fixed.some((block) => block.programmeId === programme.id))
  );
}

function onboardingWindow(person: PlannerPerson, programme: PlannerProgramme) {
  if (person.completedProgrammeIds.includes(programme.id)) return null;
  if (programme.appliesToHiresFrom !== null && person.hireDate < programme.appliesToHiresFrom) return null;
  const hireWeek = weekOfDate(person.hireDate);
  return { dueWeek: hireWeek + programme.startWithinWeeks, earliestWeek: hireWeek };
}

function recurringWindow(person: PlannerPerson, programme: PlannerProgramme, fixed: AssignmentBlock[]) {
  const rotationEnds = fixed.map((block) => sundayOfWeek(weekNumber(block.firstWeek) + block.weeks - 1));
  if (person.lastRotationEnd !== null) rotationEnds.push(person.lastRotationEnd);
  const base = rotationEnds.length > 0 ? rotationEnds.reduce((a, b) => (a > b ? a : b)) : person.hireDate;
  const dueWeek = weekOfDate(addMonths(base, programme.everyMonths));
  return { dueWeek, earliestWeek: dueWeek - programme.earlyWeeks };
}

function groupFixedByPerson(fixed: AssignmentBlock[]): Map<string, AssignmentBlock[]> {
  const byPerson = new Map<string, AssignmentBlock[]>();
  for (const block of fixed) {
    const list = byPerson.get(block.personId);
    if (list) list.push(block);
    else byPerson.set(block.personId, [block]);
  }
  return byPerson;
}
