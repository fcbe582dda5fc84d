// The planner: on-time placements first (most constrained people first, least loaded slots), then augmenting
// moves for those who missed, then late placements as early as possible, then reasons for whoever is left.
import { findDueCandidates, type DueCandidate } from './due-candidates';
import { OnTimeRepair } from './make-room';
import { summarisePlan } from './plan-figures';
import type { PlanningCandidate } from './planning-candidate';
import { PlanningContext } from './planning-context';
import { Placements } from './placements';
import { findSlot } from './slot-search';
import type { Plan, PlannedAssignment, PlanningInput, Unplaced } from './types';
import { explainUnplaced } from './unplaced-reason';
import { weekLabel } from './weeks';

// Two levels of moves close almost every gap to the optimum on the benchmark; deeper chains cost far more time.
const REPAIR_DEPTH = 2;

export function planRotations(input: PlanningInput): Plan {
  const context = new PlanningContext(input);
  const candidates = findDueCandidates(input).map((due) => toPlanningCandidate(context, due));
  const placements = new Placements(context, candidates);

  const missed: number[] = [];
  const overdue: number[] = [];
  candidates.forEach((candidate, i) => {
    if (candidate.latestOnTimeStart < candidate.earliestStart) overdue.push(i);
  });
  for (const candidate of byUrgency(input, candidates)) {
    const { person, length, earliestStart, latestOnTimeStart } = candidates[candidate];
    const slot = findSlot(context, person, length, earliestStart, latestOnTimeStart, 'least-loaded');
    if (slot) placements.place(candidate, slot);
    else missed.push(candidate);
  }

  const repair = new OnTimeRepair(context, candidates, placements);
  const stillMissed = missed.filter((candidate) => !repair.placeOnTime(candidate, REPAIR_DEPTH));

  const unplaced: number[] = [];
  for (const candidate of byWaitingLongest(input, candidates, [...stillMissed, ...overdue])) {
    const { person, length, earliestStart } = candidates[candidate];
    const slot = findSlot(context, person, length, earliestStart, context.horizon - 1, 'earliest');
    if (slot) placements.place(candidate, slot);
    else unplaced.push(candidate);
  }

  const assignments = presentAssignments(context, candidates, placements);
  const unplacedEntries = unplaced.map((candidate) => presentUnplaced(context, candidates[candidate]));
  unplacedEntries.sort((a, b) => compare(a.dueWeek, b.dueWeek) || compare(a.personId, b.personId) || compare(a.programmeId, b.programmeId));
  return { assignments, unplaced: unplacedEntries, figures: summarisePlan(context, assignments, unplacedEntries) };
}

function toPlanningCandidate(context: PlanningContext, due: DueCandidate): PlanningCandidate {
  return {
    due,
    person: due.personIndex,
    department: context.departmentOfPerson[due.personIndex],
    length: context.input.programmes[due.programmeIndex].lengthWeeks,
    earliestStart: Math.max(0, due.earliestWeek - context.firstWeek),
    latestOnTimeStart: due.dueWeek - context.firstWeek,
  };
}

/** Fewest on-time start weeks first, then the person waiting longest; overdue people cannot be on time. */
function byUrgency(input: PlanningInput, candidates: PlanningCandidate[]): number[] {
  const canBeOnTime = candidates.flatMap((candidate, i) => (candidate.latestOnTimeStart >= candidate.earliestStart ? [i] : []));
  const windowSize = (i: number) => candidates[i].latestOnTimeStart - candidates[i].earliestStart;
  return canBeOnTime.sort((a, b) => windowSize(a) - windowSize(b) || waitingLongestFirst(input, candidates, a, b));
}

function byWaitingLongest(input: PlanningInput, candidates: PlanningCandidate[], subset: number[]): number[] {
  return [...subset].sort((a, b) => waitingLongestFirst(input, candidates, a, b));
}

function waitingLongestFirst(input: PlanningInput, candidates: PlanningCandidate[], a: number, b: number): number {
  const first = candidates[a].due;
  const second = candidates[b].due;
  const firstPerson = input.people[first.personIndex];
  const secondPerson = input.people[second.personIndex];
  return (
    first.dueWeek - second.dueWeek ||
    compare(firstPerson.hireDate, secondPerson.hireDate) ||
    compare(firstPerson.id, secondPerson.id) ||
    compare(input.programmes[first.programmeIndex].id, input.programmes[second.programmeIndex].id)
  );
}

function presentAssignments(context: PlanningContext, candidates: PlanningCandidate[], placements: Placements): PlannedAssignment[] {
  const { input, firstWeek } = context;
  const assignments: PlannedAssignment[] = [];
  candidates.forEach((candidate, i) => {
    if (!placements.isPlaced(i)) return;
    const start = placements.start[i];
    assignments.push({
      personId: input.people[candidate.person].id,
      programmeId: input.programmes[candidate.due.programmeIndex].id,
      deskId: input.desks[placements.desk[i]].id,
      firstWeek: weekLabel(firstWeek + start),
      weeks: candidate.length,
      dueWeek: weekLabel(candidate.due.dueWeek),
      onTime: start <= candidate.latestOnTimeStart,
    });
  });
  return assignments.sort(
    (a, b) =>
      compare(a.firstWeek, b.firstWeek) || compare(a.deskId, b.deskId) || compare(a.personId, b.personId) || compare(a.programmeId, b.programmeId),
  );
}

function presentUnplaced(context: PlanningContext, candidate: PlanningCandidate): Unplaced {
  return {
    personId: context.input.people[candidate.person].id,
    programmeId: context.input.programmes[candidate.due.programmeIndex].id,
    dueWeek: weekLabel(candidate.due.dueWeek),
    ...explainUnplaced(context, candidate),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
