// Finds a desk and start week where a person's whole block fits every hard rule.
import type { PlanningContext } from './planning-context';

export interface Slot {
  desk: number;
  start: number;
}

/**
 * 'least-loaded' spreads people over desks and weeks (used for on-time starts, where any start in the window is
 * as good as another); 'earliest' serves late people as soon as possible, then on the least loaded desk.
 */
export type SlotPreference = 'least-loaded' | 'earliest';

export function findSlot(
  context: PlanningContext,
  person: number,
  length: number,
  firstStart: number,
  lastStart: number,
  preference: SlotPreference,
): Slot | null {
  const { ledger, scratchWeeks: personFree, scratchRuns: runs } = context;
  lastStart = Math.min(lastStart, context.horizon - 1);
  firstStart = Math.max(firstStart, 0);
  if (firstStart > lastStart) return null;
  for (let week = firstStart; week < lastStart + length; week++) personFree[week] = personMayRotate(context, person, week) ? 1 : 0;

  let best: Slot | null = null;
  let bestPeak = Infinity;
  let bestTotal = Infinity;
  for (const desk of context.eligibleDesks(person)) {
    const limits = context.limitsOn(person, desk);
    const from = Math.max(firstStart, limits.earliestStart);
    let to = Math.min(lastStart, limits.latestEnd - length + 1);
    if (preference === 'earliest' && best) to = Math.min(to, best.start);
    if (from > to) continue;
    const blocked = limits.blockedWeeks;
    let run = 0;
    for (let week = to + length - 1; week >= from; week--) {
      run = personFree[week] === 1 && ledger.deskHasRoom(desk, week) && !(blocked && blocked[week] === 1) ? run + 1 : 0;
      runs[week] = run;
    }
    for (let start = from; start <= to; start++) {
      if (runs[start] < length) continue;
      let peak = 0;
      let total = 0;
      for (let week = start; week < start + length; week++) {
        const load = ledger.loadWithOneMore(desk, week);
        total += load;
        if (load > peak) peak = load;
      }
      const better =
        best === null ||
        (preference === 'earliest'
          ? start < best.start || (start === best.start && (peak < bestPeak || (peak === bestPeak && total < bestTotal)))
          : peak < bestPeak || (peak === bestPeak && (total < bestTotal || (total === bestTotal && start < best.start))));
      if (better) {
        best = { desk, start };
        bestPeak = peak;
        bestTotal = total;
      }
      if (preference === 'earliest') break;
    }
  }
  return best;
}

export function slotIsFree(context: PlanningContext, person: number, length: number, slot: Slot): boolean {
  const limits = context.limitsOn(person, slot.desk);
  if (slot.start < limits.earliestStart || slot.start + length - 1 > limits.latestEnd) return false;
  for (let week = slot.start; week < slot.start + length; week++) {
    if (!personMayRotate(context, person, week) || !context.ledger.deskHasRoom(slot.desk, week)) return false;
    if (limits.blockedWeeks && limits.blockedWeeks[week] === 1) return false;
  }
  return true;
}

function personMayRotate(context: PlanningContext, person: number, week: number): boolean {
  const department = context.departmentOfPerson[person];
  if (department >= 0 && (context.ledger.isBlackout(department, week) || !context.ledger.departmentHasRoom(department, week))) return false;
  return !context.isBusy(person, week);
}
