// Ten small seeded organisations whose desks and departments are tighter than demand, so the order of placements
// matters: the planner's on-time starts beside the proven optimum of the exact integer programme.
import loadHighs from 'highs';
import { checkPlan, planRotations } from '../../src/planner';
import { generateOrganisation, type OrganisationSize } from './generate-organisation';
import { buildOnTimeModel, solveOnTimeOptimum } from './on-time-optimum';

export interface OptimalityRow {
  seed: number;
  employees: number;
  due: number;
  plannerOnTime: number;
  optimum: number;
  planningMs: number;
  solvingMs: number;
  plannerViolations: number;
  optimumViolations: number; // the solver's own plan, checked too, so the optimum is known to be reachable
}

export const OPTIMALITY_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const HORIZON_WEEKS = 26;
export const CAPACITY_RATIO = 0.7;

/** Between 100 and 300 employees, varied by seed. */
export function smallOrganisation(seed: number): OrganisationSize {
  return { employees: 100 + ((seed * 37) % 201), horizonWeeks: HORIZON_WEEKS, seed, capacityRatio: CAPACITY_RATIO };
}

export async function compareWithOptimum(seeds = OPTIMALITY_SEEDS): Promise<OptimalityRow[]> {
  const highs = await loadHighs();
  return seeds.map((seed) => {
    const size = smallOrganisation(seed);
    const input = generateOrganisation(size);
    const [plan, planningMs] = timed(() => planRotations(input));
    const [optimum, solvingMs] = timed(() => solveOnTimeOptimum(highs, buildOnTimeModel(input)));
    return {
      seed,
      employees: size.employees,
      due: plan.figures.peopleDue,
      plannerOnTime: plan.figures.placedOnTime,
      optimum: optimum.onTime,
      planningMs,
      solvingMs,
      plannerViolations: checkPlan(input, [...input.fixed, ...plan.assignments]).length,
      optimumViolations: checkPlan(input, [...input.fixed, ...optimum.assignments]).length,
    };
  });
}

function timed<T>(work: () => T): [T, number] {
  const started = process.hrtime.bigint();
  const result = work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}
