// Where a person's whole block fits every hard rule, given everyone placed so far.
import type { PlanningContext } from './planning-context';

export interface Slot {
  desk: number;
  start: number;
}

/** The earliest start from firstStart on (late people are served as soon as possible), then the least loaded desk. */
export function findEarliestSlot(context: PlanningContext, person: number, length: number, firstStart: number): Slot | null {
  const { ledger, scratchWeeks: personFree, scratchRuns: runs } = context;
  const lastStart = context.horizon - 1;
  firstStart = Math.max(firstStart, 0);
  if (firstStart > lastStart) return null;
  for (let week = firstStart; week < lastStart + length; week++) personFree[week] = personMayRotate(context, person, week) ? 1 : 0;

  let best: Slot | null = null;
  let bestPeak = Infinity;
  let bestTotal = Infinity;
  for (const desk of context.eligibleDesks(person)) {
    const limits = context.limitsOn(person, desk);
    const from = Math.max(firstStart, limits.earliestStart);
    const to = Math.min(lastStart, limits.latestEnd - length + 1, best ? best.start : Infinity);
    if (from > to) continue;
    const blocked = limits.blockedWeeks;
    let run = 0;
    for (let week = to + length - 1; week >= from; week--) {
      run = personFree[week] === 1 && ledger.deskHasRoom(desk, week) && !(blocked && blocked[week] === 1) ? run + 1 : 0;
      runs[week] = run;
    }
    let start = from;
    while (start <= to && runs[start] < length) start++;
    if (start > to) continue;
    let peak = 0;
    let total = 0;
    for (let week = start; week < start + length; week++) {
      const load = ledger.loadWithOneMore(desk, week);
      total += load;
      if (load > peak) peak = load;
    }
    if (!best || start < best.start || peak < bestPeak || (peak === bestPeak && total < bestTotal)) {
      best = { desk, start };
      bestPeak = peak;
      bestTotal = total;
    }
  }
  return best;
}

export function slotIsFree(context: PlanningContext, person: number, length: number, desk: number, start: number): boolean {
  const limits = context.limitsOn(person, desk);
  if (start < limits.earliestStart || start + length - 1 > limits.latestEnd) return false;
  for (let week = start; week < start + length; week++) {
    if (!personMayRotate(context, person, week) || !context.ledger.deskHasRoom(desk, week)) return false;
    if (limits.blockedWeeks && limits.blockedWeeks[week] === 1) return false;
  }
  return true;
}

/** Whether the person's department and own other rotations leave them free that week, whatever the desk. */
export function personMayRotate(context: PlanningContext, person: number, week: number): boolean {
  const department = context.departmentOfPerson[person];
  if (department >= 0 && (context.ledger.isBlackout(department, week) || !context.ledger.departmentHasRoom(department, week))) return false;
  return !context.isBusy(person, week);
}
