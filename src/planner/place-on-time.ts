// The first pass for on-time starts, week by week: the people who may start in a week are served earliest due
// week first (then by priority), each on the desk the people still waiting need least. Starting people as soon as
// their window opens leaves no unusable one-week gaps in desks and departments with small limits.
import { optionCount, type OnTimeOptions } from './on-time-options';
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Placements } from './placements';
import { slotIsFree } from './slot-search';

/** `priority` ranks candidates: lower goes first among those due the same week. */
export function placeOnTimeByDueWeek(
  context: PlanningContext,
  candidates: PlanningCandidate[],
  options: OnTimeOptions,
  placements: Placements,
  priority: Int32Array,
): void {
  const demand = new DeskDemand(context, candidates, options);
  const arriving: number[][] = Array.from({ length: context.horizon }, () => []);
  candidates.forEach((_, c) => {
    if (optionCount(options, c) > 0) arriving[options.starts[options.offsets[c]]].push(c);
  });
  const nextOption = options.offsets.slice(0, candidates.length);
  let waiting: number[] = [];
  for (let week = 0; week < context.horizon; week++) {
    for (const c of arriving[week]) waiting.push(c);
    waiting.sort((a, b) => candidates[a].latestOnTimeStart - candidates[b].latestOnTimeStart || priority[a] - priority[b]);
    const stillWaiting: number[] = [];
    for (const c of waiting) {
      const { person, length } = candidates[c];
      let best = -1;
      let bestScore = Infinity;
      let o = nextOption[c];
      for (; o < options.offsets[c + 1] && options.starts[o] === week; o++) {
        if (!slotIsFree(context, person, length, options.desks[o], week)) continue;
        const score = demand.pressure(options.desks[o], week, length);
        if (score < bestScore) {
          bestScore = score;
          best = o;
        }
      }
      nextOption[c] = o;
      const outOfOptions = o === options.offsets[c + 1];
      if (best >= 0) placements.place(c, { desk: options.desks[best], start: week });
      else if (!outOfOptions) stillWaiting.push(c);
      if (best >= 0 || outOfOptions) demand.withdraw(c);
    }
    waiting = stillWaiting;
  }
}

/** How much the candidates not yet served still need each desk week, each spreading one unit over their options. */
class DeskDemand {
  private readonly need: Float64Array;

  constructor(
    private readonly context: PlanningContext,
    private readonly candidates: PlanningCandidate[],
    private readonly options: OnTimeOptions,
  ) {
    this.need = new Float64Array(context.input.desks.length * context.span);
    candidates.forEach((_, c) => this.spread(c, 1));
  }

  withdraw(candidate: number): void {
    this.spread(candidate, -1);
  }

  /** Need per free place over the block's weeks: a desk others depend on scores high. */
  pressure(desk: number, start: number, length: number): number {
    const { ledger, span } = this.context;
    let pressure = 0;
    for (let week = start; week < start + length; week++) {
      const i = desk * span + week;
      pressure += this.need[i] / (ledger.capacity[i] - ledger.hosted[i]);
    }
    return pressure;
  }

  private spread(candidate: number, sign: 1 | -1): void {
    const { offsets, desks, starts } = this.options;
    const count = offsets[candidate + 1] - offsets[candidate];
    if (count === 0) return;
    const share = sign / count;
    const { length } = this.candidates[candidate];
    const span = this.context.span;
    for (let o = offsets[candidate]; o < offsets[candidate + 1]; o++) {
      for (let week = starts[o]; week < starts[o] + length; week++) this.need[desks[o] * span + week] += share;
    }
  }
}
