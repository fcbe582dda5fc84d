// `npx tsx bench/people/employee-list.ts`: the HR employee list at 100,000 people on the PostgreSQL server.
// Seeds a database of its own, then times a page of each kind (search, filter, sort, deep page) as the list page
// runs it (count plus one page of 50) and names the indexes the count and the page query use.
import 'reflect-metadata';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { EntityManager, Logger } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { createDataSource } from '../../src/db/data-source';
import { inTransaction } from '../../src/db/transaction';
import { employeeListPageSize, findEmployees, parseEmployeeListFilters } from '../../src/people/employee-list';
import { seedOrganisation } from '../../src/seed/organisation';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = 'frontline_bench_employee_list';
const employees = 100_000;
const runs = 7;

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The statements findEmployees sends, to EXPLAIN them afterwards. */
let recording = false;
const recorded: { sql: string; parameters: unknown[] }[] = [];
const recorder: Logger = {
  logQuery: (sql, parameters) => recording && recorded.push({ sql, parameters: (parameters as unknown[]) ?? [] }),
  logQueryError: () => {},
  logQuerySlow: () => {},
  logSchemaBuild: () => {},
  logMigration: () => {},
  log: () => {},
};

function indexesIn(plan: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) plan.forEach((item) => indexesIn(item, found));
  else if (plan && typeof plan === 'object') {
    for (const [key, value] of Object.entries(plan)) {
      if (key === 'Index Name') found.add(String(value));
      else indexesIn(value, found);
    }
  }
  return found;
}

async function measure(manager: EntityManager, label: string, query: Record<string, string>, page = 1): Promise<void> {
  const filters = parseEmployeeListFilters(query);
  const timings: number[] = [];
  let result = await findEmployees(manager, filters, page);
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = await findEmployees(manager, filters, page);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  recording = true;
  await findEmployees(manager, filters, page);
  recording = false;
  const indexes = new Set<string>();
  for (const { sql, parameters } of recorded.splice(0)) {
    const [{ 'QUERY PLAN': plan }] = await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    indexesIn(plan, indexes);
  }
  console.log(
    `${label.padEnd(44)} ${String(result.total).padStart(6)} matches  median ${timings[Math.floor(runs / 2)].toFixed(1).padStart(6)} ms` +
      `  max ${timings[runs - 1].toFixed(1).padStart(6)} ms  indexes: ${[...indexes].join(', ') || 'none'}`,
  );
}

async function main(): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${databaseName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const dataSource = await createDataSource({ url: url.toString() }, 2)
    .setOptions({ logger: recorder, logging: ['query'] })
    .initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const seeding = performance.now();
    const passwordHash = await hashPassword('bench-password-not-used');
    await inTransaction(dataSource, (manager) => seedOrganisation(manager, { employees, today: DateTime.now(), passwordHash }));
    // What autovacuum does soon after a bulk load on a live server: statistics, and the visibility map.
    await dataSource.query('VACUUM ANALYZE');
    console.log(`Seeded ${employees} employees in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const [engineering] = await dataSource.query(`SELECT id FROM departments WHERE name = 'Engineering'`);
    const [berlin] = await dataSource.query(`SELECT id FROM sites WHERE name = 'Berlin'`);
    const lastYear = DateTime.now().minus({ years: 1 }).year;
    console.log(`Each line: count + one page of ${employeeListPageSize}, ${runs} runs after one warm-up.`);
    await inTransaction(dataSource, async (manager) => {
      await measure(manager, 'no filter, by name', {});
      await measure(manager, 'search "son" (name, email, title)', { search: 'son' });
      await measure(manager, 'search "reliability" (job title)', { search: 'reliability' });
      await measure(manager, 'search one surname "hopper"', { search: 'hopper' });
      await measure(manager, 'filter Engineering, Berlin, active', { department: engineering.id, site: berlin.id, status: 'active' });
      await measure(manager, `filter hired in ${lastYear}, upcoming excluded`, { hiredFrom: `${lastYear}-01-01`, hiredTo: `${lastYear}-12-31`, status: 'active' });
      await measure(manager, 'filter upcoming hires', { status: 'upcoming' });
      await measure(manager, 'sorted by department', { sort: 'department' });
      await measure(manager, 'sorted by site, descending', { sort: 'site', direction: 'desc' });
      await measure(manager, 'sorted by hire date, descending', { sort: 'hireDate', direction: 'desc' });
      await measure(manager, 'sorted by email', { sort: 'email' });
      await measure(manager, 'page 1000 of 2000, by name', {}, 1000);
      await measure(manager, 'last page, by name', {}, Math.ceil(employees / employeeListPageSize));
    });
  } finally {
    await dataSource.destroy();
    await onServer(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
