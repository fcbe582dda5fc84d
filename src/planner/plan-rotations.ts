// The planner, goal by goal: on-time starts (a first pass by due week, then a search that rearranges them), even
// desk load among those, late placements as early as possible, and reasons for whoever is left.
import { inCanonicalOrder } from './canonical-order';
import { findDueCandidates, type DueCandidate } from './due-candidates';
import { evenDeskLoad } from './even-desk-load';
import { improveOnTimeStarts } from './improve-on-time';
import { findOnTimeOptions, optionCount } from './on-time-options';
import { placeOnTimeByDueWeek } from './place-on-time';
import { summarisePlan } from './plan-figures';
import type { PlanningCandidate } from './planning-candidate';
import { PlanningContext } from './planning-context';
import { Placements } from './placements';
import { presentAssignments, presentUnplaced } from './present-plan';
import { findEarliestSlot } from './slot-search';
import type { Plan, PlanningInput } from './types';

export function planRotations(organisation: PlanningInput): Plan {
  const input = inCanonicalOrder(organisation);
  const context = new PlanningContext(input);
  const candidates = findDueCandidates(input).map((due) => toPlanningCandidate(context, due));
  const placements = new Placements(context, candidates);
  const waitingOrder = orderByWaitingLongest(input, candidates);
  const waitingRank = rankOf(waitingOrder);

  const options = findOnTimeOptions(context, candidates);
  // Among people due the same week, those with fewest options go first: anyone else can still go elsewhere.
  const priority = rankOf(waitingOrder.slice().sort((a, b) => optionCount(options, a) - optionCount(options, b) || waitingRank[a] - waitingRank[b]));
  placeOnTimeByDueWeek(context, candidates, options, placements, priority);
  improveOnTimeStarts(context, candidates, options, placements, waitingRank);
  evenDeskLoad(context, candidates, options, placements, waitingOrder);

  const unplaced: number[] = [];
  for (const candidate of waitingOrder) {
    if (placements.isPlaced(candidate)) continue;
    const { person, length, earliestStart } = candidates[candidate];
    const slot = findEarliestSlot(context, person, length, earliestStart);
    if (slot) placements.place(candidate, slot);
    else unplaced.push(candidate);
  }

  const assignments = presentAssignments(context, candidates, placements);
  const unplacedEntries = presentUnplaced(context, candidates, unplaced);
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

/** Earliest due week first, then earliest hire; person and programme (in id order) only make the order total. */
function orderByWaitingLongest(input: PlanningInput, candidates: PlanningCandidate[]): number[] {
  const hired = input.people.map((person) => dateKey(person.hireDate));
  return candidates
    .map((_, c) => c)
    .sort(
      (a, b) =>
        candidates[a].due.dueWeek - candidates[b].due.dueWeek ||
        hired[candidates[a].person] - hired[candidates[b].person] ||
        candidates[a].person - candidates[b].person ||
        candidates[a].due.programmeIndex - candidates[b].due.programmeIndex,
    );
}

/** 'YYYY-MM-DD' as the number YYYYMMDD, which sorts the same way and compares faster. */
function dateKey(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

function rankOf(order: number[]): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((candidate, i) => (rank[candidate] = i));
  return rank;
}
