// Every (desk, start) where a candidate could start on time if nobody else were planned: what is left once the
// rules no other placement can change have been applied (employment dates, absences, blackouts, sites, closed
// desks, fixed assignments). The on-time phases only ever choose among these.
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import { personMayRotate } from './slot-search';

export interface OnTimeOptions {
  offsets: Int32Array; // candidate c's options are [offsets[c], offsets[c + 1]), by start week, then desk
  desks: Int32Array;
  starts: Int32Array;
}

/** Call before anything is planned, so that only fixed assignments take room. */
export function findOnTimeOptions(context: PlanningContext, candidates: PlanningCandidate[]): OnTimeOptions {
  const offsets = new Int32Array(candidates.length + 1);
  const desks: number[] = [];
  const starts: number[] = [];
  const personFree = context.scratchWeeks;
  candidates.forEach((candidate, c) => {
    offsets[c] = desks.length;
    const { person, length } = candidate;
    const firstStart = Math.max(0, candidate.earliestStart);
    const lastStart = Math.min(candidate.latestOnTimeStart, context.horizon - 1);
    for (let week = firstStart; week < lastStart + length; week++) personFree[week] = personMayRotate(context, person, week) ? 1 : 0;
    const eligible = context.eligibleDesks(person);
    for (let start = firstStart; start <= lastStart; start++) {
      for (const desk of eligible) {
        if (!deskIsFree(context, person, length, desk, start, personFree)) continue;
        desks.push(desk);
        starts.push(start);
      }
    }
  });
  offsets[candidates.length] = desks.length;
  return { offsets, desks: Int32Array.from(desks), starts: Int32Array.from(starts) };
}

function deskIsFree(context: PlanningContext, person: number, length: number, desk: number, start: number, personFree: Uint8Array): boolean {
  const limits = context.limitsOn(person, desk);
  if (start < limits.earliestStart || start + length - 1 > limits.latestEnd) return false;
  for (let week = start; week < start + length; week++) {
    if (personFree[week] === 0 || !context.ledger.deskHasRoom(desk, week) || limits.blockedWeeks?.[week] === 1) return false;
  }
  return true;
}

export function optionCount(options: OnTimeOptions, candidate: number): number {
  return options.offsets[candidate + 1] - options.offsets[candidate];
}
