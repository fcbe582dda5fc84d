// `npm run bench:planner`: planning time, peak memory and plan figures for 1,000 / 10,000 / 100,000 employees
// over 52 weeks (each size in a fresh process, so its peak memory is its own), every plan checked by checkPlan;
// then the planner's on-time starts beside the proven optimum on ten small instances.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { OrganisationSize } from './generate-organisation';
import type { PlanMeasurement } from './measure-plan';
import { CAPACITY_RATIO, compareWithOptimum, HORIZON_WEEKS } from './optimality';

const SIZES = [1_000, 10_000, 100_000];
const SCALE_SEED = 1;
const SCALE_CAPACITY_RATIO = 0.9;
const TARGET_MS = 5_000;
const TARGET_MB = 1_024;

async function main(): Promise<void> {
  console.log(`Planner at scale: 52 weeks, seed ${SCALE_SEED}, desk capacity ${SCALE_CAPACITY_RATIO} of demand (Node ${process.version})`);
  const measurements: PlanMeasurement[] = [];
  for (const employees of SIZES) {
    measurements.push(await measureInChild({ employees, horizonWeeks: 52, seed: SCALE_SEED, capacityRatio: SCALE_CAPACITY_RATIO }));
  }
  console.table(
    measurements.map((m) => ({
      employees: m.employees,
      'planning ms': Math.round(m.planningMs),
      'CPU ms': Math.round(m.planningCpuMs),
      'RSS before MB': Math.round(m.organisationRssMb),
      'peak RSS MB': Math.round(m.peakRssMb),
      due: m.due,
      'on time': m.onTime,
      late: m.late,
      unplaced: Object.entries(m.unplaced).map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none',
      'check ms': Math.round(m.checkingMs),
      violations: m.violations,
    })),
  );
  const largest = measurements[measurements.length - 1];
  console.log(
    `${largest.employees} employees: ${Math.round(largest.planningMs)} ms (target < ${TARGET_MS}), ${Math.round(largest.peakRssMb)} MB peak RSS (target < ${TARGET_MB})`,
  );

  console.log(`\nOptimality: ten seeded instances, ${HORIZON_WEEKS} weeks, desk capacity ${CAPACITY_RATIO} of demand, solved exactly with HiGHS`);
  const rows = await compareWithOptimum();
  console.table(
    rows.map((row) => ({
      seed: row.seed,
      employees: row.employees,
      due: row.due,
      'planner on time': row.plannerOnTime,
      optimum: row.optimum,
      'gap %': row.optimum > 0 ? +((100 * (row.optimum - row.plannerOnTime)) / row.optimum).toFixed(2) : 0,
      'planning ms': Math.round(row.planningMs),
      'model + solve ms': Math.round(row.solvingMs),
      'planner violations': row.plannerViolations,
      'optimum violations': row.optimumViolations,
    })),
  );
  const equal = rows.filter((row) => row.plannerOnTime === row.optimum).length;
  const worstGap = Math.max(...rows.map((row) => (row.optimum > 0 ? (row.optimum - row.plannerOnTime) / row.optimum : 0)));
  console.log(`Equal to the optimum on ${equal} of ${rows.length} (target >= 9); worst gap ${(100 * worstGap).toFixed(2)}% (target <= 2%)`);
  const violations = [...measurements.map((m) => m.violations), ...rows.map((row) => row.plannerViolations + row.optimumViolations)];
  if (violations.some((count) => count > 0)) {
    console.error('The checker found violations in a plan above.');
    process.exitCode = 1;
  }
}

function measureInChild(size: OrganisationSize): Promise<PlanMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'measure-plan.ts'), [JSON.stringify(size)]);
    child.once('message', (message) => resolve(message as PlanMeasurement));
    child.once('error', reject);
    child.once('exit', (code) => code === 0 || reject(new Error(`measuring ${size.employees} employees exited with ${code}`)));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
