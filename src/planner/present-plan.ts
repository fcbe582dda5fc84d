// Turns the planner's indices back into ids and week labels, sorted by week, desk, person and programme (the
// canonical order makes index order the same as id order).
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Placements } from './placements';
import type { PlannedAssignment, Unplaced } from './types';
import { explainUnplaced } from './unplaced-reason';
import { weekLabel } from './weeks';

export function presentAssignments(context: PlanningContext, candidates: PlanningCandidate[], placements: Placements): PlannedAssignment[] {
  const { input, firstWeek } = context;
  const placed = candidates.flatMap((_, c) => (placements.isPlaced(c) ? [c] : []));
  placed.sort(
    (a, b) =>
      placements.start[a] - placements.start[b] ||
      placements.desk[a] - placements.desk[b] ||
      candidates[a].person - candidates[b].person ||
      candidates[a].due.programmeIndex - candidates[b].due.programmeIndex,
  );
  return placed.map((c) => {
    const candidate = candidates[c];
    const start = placements.start[c];
    return {
      personId: input.people[candidate.person].id,
      programmeId: input.programmes[candidate.due.programmeIndex].id,
      deskId: input.desks[placements.desk[c]].id,
      firstWeek: weekLabel(firstWeek + start),
      weeks: candidate.length,
      dueWeek: weekLabel(candidate.due.dueWeek),
      onTime: start <= candidate.latestOnTimeStart,
    };
  });
}

export function presentUnplaced(context: PlanningContext, candidates: PlanningCandidate[], unplaced: number[]): Unplaced[] {
  const sorted = [...unplaced].sort(
    (a, b) =>
      candidates[a].due.dueWeek - candidates[b].due.dueWeek ||
      candidates[a].person - candidates[b].person ||
      candidates[a].due.programmeIndex - candidates[b].due.programmeIndex,
  );
  return sorted.map((c) => ({
    personId: context.input.people[candidates[c].person].id,
    programmeId: context.input.programmes[candidates[c].due.programmeIndex].id,
    dueWeek: weekLabel(candidates[c].due.dueWeek),
    ...explainUnplaced(context, candidates[c]),
  }));
}
