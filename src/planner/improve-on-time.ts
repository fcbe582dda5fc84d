// The improvement phase for on-time starts, by simulated annealing over the on-time options: a move puts one
// candidate into one of their options and takes out whoever is in the way. Moves that keep or raise the number of
// on-time starts are always made; moves that lower it are made with a chance that shrinks as the search cools, so
// the search can leave arrangements no single exchange improves. The best arrangement seen is the one kept.
import { seededRandom } from './seeded-random';
import { Occupants } from './occupants';
import { optionCount, type OnTimeOptions } from './on-time-options';
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Placements } from './placements';

// Tuned on the benchmark's small instances, where 300,000 moves reach the proven optimum on 39 of 40; the cap costs
// about a second on a company of 100,000. A move that loses one on-time start is made at first about one time in
// 150, and almost never at the end.
const ITERATIONS_PER_CANDIDATE = 5_000;
const MAX_ITERATIONS = 300_000;
const FIRST_TEMPERATURE = 0.2;
const LAST_TEMPERATURE = 0.01;
const SEED = 0x5eed;

/**
 * Leaves the best arrangement found: the most on-time starts, and among those the one that serves the people
 * waiting longest (`waitingRank`: lower has waited longer).
 */
export function improveOnTimeStarts(
  context: PlanningContext,
  candidates: PlanningCandidate[],
  options: OnTimeOptions,
  placements: Placements,
  waitingRank: Int32Array,
): void {
  const movable = candidates.flatMap((_, c) => (optionCount(options, c) > 0 ? [c] : []));
  const missed = new MissedPool(candidates.length, movable.filter((c) => !placements.isPlaced(c)));
  if (missed.size === 0) return;
  const occupants = new Occupants(context, candidates, placements);
  const random = seededRandom(SEED);
  // Compared only between arrangements with as many on-time starts; integers, so the sums stay exact.
  const weight = (c: number) => candidates.length - waitingRank[c];
  let served = movable.reduce((sum, c) => sum + (placements.isPlaced(c) ? weight(c) : 0), 0);
  let best = { count: placements.placedCount, served };
  placements.recordChanges();
  const iterations = Math.min(MAX_ITERATIONS, ITERATIONS_PER_CANDIDATE * movable.length);

  for (let i = 0; i < iterations && missed.size > 0; i++) {
    const temperature = FIRST_TEMPERATURE * Math.pow(LAST_TEMPERATURE / FIRST_TEMPERATURE, i / iterations);
    // Half the moves bring in someone left out; the other half rearrange anyone, which is what makes room.
    const candidate = random() < 0.5 ? missed.at(Math.floor(random() * missed.size)) : movable[Math.floor(random() * movable.length)];
    const option = options.offsets[candidate] + Math.floor(random() * optionCount(options, candidate));
    const slot = { desk: options.desks[option], start: options.starts[option] };
    const wasPlaced = placements.isPlaced(candidate);
    if (wasPlaced && placements.desk[candidate] === slot.desk && placements.start[candidate] === slot.start) continue;
    const from = wasPlaced ? placements.remove(candidate) : null;
    const inTheWay = occupants.inTheWay(candidate, slot);
    const gain = inTheWay ? (wasPlaced ? 0 : 1) - inTheWay.length : -Infinity;
    if (!inTheWay || (gain < 0 && random() >= Math.exp(gain / temperature))) {
      if (from) placements.place(candidate, from);
      continue;
    }
    for (const occupant of inTheWay) {
      placements.remove(occupant);
      missed.add(occupant);
      served -= weight(occupant);
    }
    placements.place(candidate, slot);
    if (!wasPlaced) served += weight(candidate);
    missed.remove(candidate);
    if (placements.placedCount > best.count || (placements.placedCount === best.count && served > best.served)) {
      best = { count: placements.placedCount, served };
      placements.recordChanges();
    }
  }
  placements.undoChanges();
}

/** The candidates currently without an on-time start, with constant-time add, remove and pick. */
class MissedPool {
  private readonly items: number[];
  private readonly index: Int32Array;

  constructor(candidateCount: number, missed: number[]) {
    this.items = [...missed];
    this.index = new Int32Array(candidateCount).fill(-1);
    this.items.forEach((candidate, i) => (this.index[candidate] = i));
  }

  get size(): number {
    return this.items.length;
  }

  at(i: number): number {
    return this.items[i];
  }

  add(candidate: number): void {
    if (this.index[candidate] >= 0) return;
    this.index[candidate] = this.items.length;
    this.items.push(candidate);
  }

  remove(candidate: number): void {
    const i = this.index[candidate];
    if (i < 0) return;
    const last = this.items.pop()!;
    if (last !== candidate) {
      this.items[i] = last;
      this.index[last] = i;
    }
    this.index[candidate] = -1;
  }
}
