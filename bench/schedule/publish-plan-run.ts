// `npx tsx bench/schedule/publish-plan-run.ts [employees]`: seeds an organisation (100,000 people unless told) into a
// fresh database on the PostgreSQL server (DATABASE_URL, default the local server), plans a year as HR's page does,
// and times publishing the draft (notices included), one checked move of a single assignment, the legal move options
// an employee is shown, and publishing a re-plan that moves the published assignments. Drops the database after.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { createPlanRun } from '../../src/plan-runs/plan-runs.service';
import { moveAssignment } from '../../src/schedule/assignment-changes';
import { findAssignment } from '../../src/schedule/assignment-store';
import { publishPlanRun } from '../../src/schedule/publish-plan-run';
import { legalMoves } from '../../src/schedule/request-options';
import { changeableWeeks, loadScheduleChecker } from '../../src/schedule/schedule-check';
import { seedOrganisation } from '../../src/seed/organisation';
import { urlForDatabase, withAdminClient } from '../../test/support/test-databases';

const employees = Number(process.argv[2] ?? 100_000);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const actor = { id: null, name: 'Publish benchmark' };
const today = DateTime.now().toISODate()!;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Number(((performance.now() - started) / 1000).toFixed(2))];
}

async function measure(dataSource: DataSource) {
  await dataSource.transaction((manager) => seedOrganisation(manager, { employees, today: DateTime.now(), passwordHash: 'not-a-real-hash' }));
  const [draft, planSeconds] = await timed(() => createPlanRun(dataSource, actor, { today, horizonWeeks: 52, replanPublished: false }));
  const [published, publishSeconds] = await timed(() => dataSource.transaction((manager) => publishPlanRun(manager, actor, draft, today)));
  const [{ notices }] = await dataSource.query(`SELECT count(*)::int AS notices FROM notices`);

  // A full year leaves few free places; the check costs the same whether the move is saved or refused.
  const [{ id, version, desk_id: deskId }] = await dataSource.query(`SELECT id, version, desk_id FROM assignments WHERE status = 'scheduled' ORDER BY starts_on LIMIT 1`);
  const [options, optionsSeconds] = await timed(() =>
    dataSource.transaction(async (manager) => legalMoves(await loadScheduleChecker(manager, today), await findAssignment(manager, id), today)),
  );
  const target = options[0] ? { deskId: options[0].deskId, firstWeek: options[0].weeks[0] } : { deskId, firstWeek: changeableWeeks(today)[1] };
  const [moveOutcome, moveSeconds] = await timed(() =>
    dataSource
      .transaction((manager) => moveAssignment(manager, actor, id, version, target, today))
      .then(() => 'saved')
      .catch((error: Error) => `refused: ${error.message}`),
  );

  const replan = await createPlanRun(dataSource, actor, { today, horizonWeeks: 52, replanPublished: true });
  const [republished, republishSeconds] = await timed(() => dataSource.transaction((manager) => publishPlanRun(manager, actor, replan, today)));
  return {
    employees,
    planSeconds,
    published,
    publishSeconds,
    notices,
    moveOptionsOffered: options.reduce((sum, option) => sum + option.weeks.length, 0),
    moveOptionsSeconds: optionsSeconds,
    checkedMoveSeconds: moveSeconds,
    moveOutcome: moveOutcome.slice(0, 120),
    republished,
    republishSeconds,
    rssMegabytes: Math.round(process.memoryUsage().rss / 1048576),
  };
}

async function main(): Promise<void> {
  const database = `frontline_bench_${process.pid}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  const dataSource = await createDataSource({ url: urlForDatabase(serverUrl, database) }, 2).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    console.log(JSON.stringify(await measure(dataSource)));
  } finally {
    await dataSource.destroy();
    await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
