// `npm run bench:plan-run-save`: plans a generated organisation of 100,000 employees and times saving the draft
// plan run to a fresh database on the PostgreSQL server (DATABASE_URL, default the local server), then drops it.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '../../src/db/data-source';
import { planRotations, type Plan, type PlanningInput } from '../../src/planner';
import { savePlanRun } from '../../src/plan-runs/plan-runs.service';
import { compareWithSchedule } from '../../src/plan-runs/schedule-changes';
import { urlForDatabase, withAdminClient } from '../../test/support/test-databases';
import { generateOrganisation } from '../planner/generate-organisation';

const employees = Number(process.argv[2] ?? 100_000);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The generator names things 'berlin' or 'p17'; the tables hold uuids. */
function withUuids(input: PlanningInput, plan: Plan): { input: PlanningInput; plan: Plan } {
  const ids = new Map<string, string>();
  const uuid = (id: string) => ids.get(id) ?? (ids.set(id, randomUUID()), ids.get(id)!);
  const block = <T extends { personId: string; programmeId: string; deskId: string }>(b: T): T => ({ ...b, personId: uuid(`person:${b.personId}`), programmeId: uuid(`programme:${b.programmeId}`), deskId: uuid(`desk:${b.deskId}`) });
  return {
    input: { ...input, fixed: input.fixed.map(block) },
    plan: {
      ...plan,
      assignments: plan.assignments.map(block),
      unplaced: plan.unplaced.map((u) => ({ ...u, personId: uuid(`person:${u.personId}`), programmeId: uuid(`programme:${u.programmeId}`) })),
    },
  };
}

async function main(): Promise<void> {
  const generated = generateOrganisation({ employees, horizonWeeks: 52, seed: 1, capacityRatio: 0.9 });
  const { input, plan } = withUuids(generated, planRotations(generated));
  const changes = compareWithSchedule(input.fixed, [...input.fixed, ...plan.assignments]);
  console.log(`Planned ${employees} employees: ${plan.assignments.length} assignments, ${plan.unplaced.length} unplaced, ${input.fixed.length} fixed`);

  const database = `frontline_bench_${process.pid}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  const dataSource = await createDataSource({ url: urlForDatabase(serverUrl, database) }, 2).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    await dataSource.transaction((manager) => savePlanRun(manager, { id: null, name: 'Benchmark' }, { input, plan, changes, planningMs: 0, scheduleVersion: 0 }));
    const seconds = (performance.now() - started) / 1000;
    const rows = plan.assignments.length + input.fixed.length + plan.unplaced.length;
    console.log(
      JSON.stringify({ employees, rowsSaved: rows, saveSeconds: Number(seconds.toFixed(2)), rssMegabytes: Math.round(Math.max(rssBefore, process.memoryUsage().rss) / 1048576) }),
    );
  } finally {
    await dataSource.destroy();
    await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
