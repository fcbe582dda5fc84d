// `npm run bench:seeded-plan-run`: what HR's "Plan" button costs on an organisation built by `npm run seed`: reads
// the organisation, plans 52 weeks and saves the draft (createPlanRun, as the page calls it), three times, each
// draft discarded after. BENCH_DATABASE_URL, default the seeded database frontline_bench on the local server.
import 'reflect-metadata';
import { DateTime } from 'luxon';
import { actorOf } from '../../src/audit/audit-log';
import { createDataSource } from '../../src/db/data-source';
import { inTransaction } from '../../src/db/transaction';
import { createPlanRun, discardPlanRun } from '../../src/plan-runs/plan-runs.service';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/frontline_bench';

async function main(): Promise<void> {
  const dataSource = await createDataSource({ url }, 2).initialize();
  try {
    const [{ employees }] = await dataSource.query(`SELECT count(*)::int AS employees FROM employees`);
    const [hr] = await dataSource.query(`SELECT id, full_name AS "fullName" FROM employees WHERE 'hr' = ANY (roles) ORDER BY email LIMIT 1`);
    for (let run = 1; run <= 3; run++) {
      const started = performance.now();
      const id = await createPlanRun(dataSource, actorOf(hr), { today: DateTime.now().toISODate()!, horizonWeeks: 52, replanPublished: false });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const [run_] = await dataSource.query(
        `SELECT planning_ms, (SELECT count(*)::int FROM plan_run_assignments WHERE plan_run_id = $1) AS placed,
                (SELECT count(*)::int FROM plan_run_unplaced WHERE plan_run_id = $1) AS unplaced
           FROM plan_runs WHERE id = $1`,
        [id],
      );
      console.log(
        `Run ${run}: ${employees.toLocaleString('en')} employees, 52 weeks: ${seconds} s in all (planning ${(run_.planning_ms / 1000).toFixed(1)} s), ` +
          `${run_.placed.toLocaleString('en')} assignment rows saved (planned and fixed), ${run_.unplaced.toLocaleString('en')} unplaced; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
      await inTransaction(dataSource, (manager) => discardPlanRun(manager, id));
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
