// `npm run bench:import`: imports a generated 100,000-person CSV into a fresh database on the PostgreSQL server
// through the same service as the upload page, then imports it again (all unchanged) and once with every job title
// changed (all updated). Prints each phase's time and the process's peak memory. BENCH_DATABASE_URL picks the server.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Faker, en } from '@faker-js/faker';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { inTransaction } from '../../src/db/transaction';
import { applyEmployeeImport, previewEmployeeImport } from '../../src/people-import/employee-import.service';
import { columnHeaders, importColumnKeys } from '../../src/people-import/import-columns';
import { readEmployeeCsv } from '../../src/people-import/read-employee-csv';

const PEOPLE = 100_000;
const SEED = 2026;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const departments = ['Engineering', 'Product & UX', 'Hardware & Suppliers', 'Fulfilment', 'Billing', 'Marketing', 'Sales', 'Finance', 'People/HR', 'Customer Support'];
const sites = ['Berlin', 'Dublin', 'Austin', 'Singapore'];
const actor = { id: null, name: 'Import benchmark' };
const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });

/** Half the dates in ISO, half in the organisation's format, so both parsers are measured. */
async function writeCsv(filePath: string, titleSuffix: string): Promise<number> {
  const faker = new Faker({ locale: [en] });
  faker.seed(SEED);
  const csv = stringify({ bom: true, escape_formulas: true });
  const done = once(csv.pipe(createWriteStream(filePath)), 'finish');
  csv.write(importColumnKeys.map((key) => columnHeaders[key]));
  const earliest = DateTime.fromISO('2015-01-01').toMillis();
  const latest = DateTime.fromISO('2026-12-31').toMillis();
  for (let index = 0; index < PEOPLE; index++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const hired = DateTime.fromMillis(faker.number.int({ min: earliest, max: latest }));
    const leaves = faker.number.float() < 0.05;
    const record = [
      `${firstName} ${lastName}`,
      `${firstName}.${lastName}.${index}@bench.example`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      faker.helpers.arrayElement(departments),
      faker.helpers.arrayElement(sites),
      `${faker.person.jobTitle()}${titleSuffix}`,
      index % 2 ? hired.toISODate()! : hired.toFormat(config.organisationDateFormat),
      leaves ? hired.plus({ days: faker.number.int({ min: 30, max: 2000 }) }).toISODate()! : '',
      faker.number.float() < 0.01 ? 'hr;employee' : 'employee',
    ];
    if (!csv.write(record)) await once(csv, 'drain');
  }
  csv.end();
  await done;
  return PEOPLE;
}

async function seconds<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

async function importFile(dataSource: DataSource, label: string, filePath: string): Promise<void> {
  const [csv, readSeconds] = await seconds(() => readEmployeeCsv(filePath, { fileName: path.basename(filePath), organisationDateFormat: config.organisationDateFormat }));
  const [batchId, previewSeconds] = await seconds(() =>
    inTransaction(dataSource, (manager) => previewEmployeeImport(manager, csv, { fileName: path.basename(filePath), createMissing: false, sendInvitations: false }, actor)),
  );
  const [counts, applySeconds] = await seconds(() => inTransaction(dataSource, (manager) => applyEmployeeImport(manager, config, batchId, actor)));
  const total = readSeconds + previewSeconds + applySeconds;
  console.log(
    `${label.padEnd(22)} read+check ${readSeconds.toFixed(1)} s, preview ${previewSeconds.toFixed(1)} s, apply ${applySeconds.toFixed(1)} s, ` +
      `total ${total.toFixed(1)} s; ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged; ` +
      `rss now ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, peak so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'frontline-import-bench-'));
  const database = `frontline_bench_import_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  await admin(`CREATE DATABASE ${database}`);
  let dataSource: DataSource | undefined;
  try {
    const original = path.join(folder, 'employees.csv');
    const retitled = path.join(folder, 'employees-retitled.csv');
    const [, generateSeconds] = await seconds(async () => {
      await writeCsv(original, '');
      await writeCsv(retitled, ' II');
    });
    console.log(`Generated 2 files of ${PEOPLE} people (seed ${SEED}) in ${generateSeconds.toFixed(1)} s; server ${serverUrl.replace(/\/[^/]*$/, '')}`);

    dataSource = await createDataSource({ url: url.toString() }, 2).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('INSERT INTO departments (name) SELECT unnest($1::text[])', [departments]);
    await dataSource.query(`INSERT INTO sites (name, time_zone, country_code) SELECT unnest($1::text[]), 'UTC', 'DE'`, [sites]);

    await importFile(dataSource, 'First import', original);
    await importFile(dataSource, 'Same file again', original);
    await importFile(dataSource, 'Every job title changed', retitled);
    console.log(`Peak memory (rss) of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await dataSource?.destroy();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
