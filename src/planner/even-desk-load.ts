// Goal 3, once the on-time starts are settled: each on-time person moves to whichever of their free on-time options
// adds least to the sum of squared desk utilisation, which flattens peaks without changing who starts on time.
import type { OnTimeOptions } from './on-time-options';
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Placements } from './placements';
import { slotIsFree } from './slot-search';

// Keeps float noise from moving people between equally good slots.
const MARGIN = 1e-9;

/** `order` is the order people are offered a better slot in (longest waiting first). */
export function evenDeskLoad(context: PlanningContext, candidates: PlanningCandidate[], options: OnTimeOptions, placements: Placements, order: number[]): void {
  for (const c of order) {
    if (!placements.isPlaced(c)) continue;
    const { person, length } = candidates[c];
    const desk = placements.desk[c];
    const start = placements.start[c];
    // Reckoned as if the person had already left, so they only leave the plan when some option may pay.
    const currentCost = addedLoad(context, desk, start, length, desk, start);
    let cheapest = currentCost;
    for (let o = options.offsets[c]; o < options.offsets[c + 1]; o++) {
      cheapest = Math.min(cheapest, addedLoad(context, options.desks[o], options.starts[o], length, desk, start));
    }
    if (cheapest >= currentCost - MARGIN) continue;
    placements.remove(c);
    let best = -1;
    let bestCost = currentCost - MARGIN;
    for (let o = options.offsets[c]; o < options.offsets[c + 1]; o++) {
      const cost = addedLoad(context, options.desks[o], options.starts[o], length, -1, 0);
      if (cost < bestCost && slotIsFree(context, person, length, options.desks[o], options.starts[o])) {
        best = o;
        bestCost = cost;
      }
    }
    placements.place(c, best >= 0 ? { desk: options.desks[best], start: options.starts[best] } : { desk, start });
  }
}

/**
 * How much one more person in these desk weeks adds to the sum of squared utilisation, leaving out one person
 * still counted in the ledger on `ownDesk` from `ownStart` (-1: nobody).
 */
function addedLoad(context: PlanningContext, desk: number, start: number, length: number, ownDesk: number, ownStart: number): number {
  const { ledger, span } = context;
  let added = 0;
  for (let week = start; week < start + length; week++) {
    const i = desk * span + week;
    const capacity = ledger.capacity[i];
    const counted = desk === ownDesk && week >= ownStart && week < ownStart + length ? 1 : 0;
    added += (2 * (ledger.hosted[i] - counted) + 1) / (capacity * capacity);
  }
  return added;
}
