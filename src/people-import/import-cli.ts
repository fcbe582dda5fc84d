// `npm run import:employees -- FILE.csv [--create-missing] [--send-invitations] [--apply]`: the upload page's import
// from the command line. Without --apply it only previews; the preview can also be applied from the page it prints.
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import type { AuditActor } from '../audit/audit-log';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { inTransaction } from '../db/transaction';
import { applyEmployeeImport, eachImportProblemChunk, employeeImportPreview, previewEmployeeImport } from './employee-import.service';
import { readEmployeeCsv } from './read-employee-csv';

const usage = 'Usage: npm run import:employees -- FILE.csv [--create-missing] [--send-invitations] [--apply]';
const actor: AuditActor = { id: null, name: 'CSV import (command line)' };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'create-missing': { type: 'boolean', default: false }, 'send-invitations': { type: 'boolean', default: false }, apply: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new Error(usage);
  const [filePath] = positionals;
  const fileName = path.basename(filePath);
  const config = loadConfig();

  const reading = progressBar('Reading  ');
  const csv = await readEmployeeCsv(filePath, { fileName, organisationDateFormat: config.organisationDateFormat, onProgress: reading.update });
  reading.stop();

  const database = await openDatabase(config);
  try {
    await database.dataSource.runMigrations({ transaction: 'each' });
    const choices = { fileName, createMissing: values['create-missing'], sendInvitations: values['send-invitations'] };
    const batchId = await inTransaction(database.dataSource, (manager) => previewEmployeeImport(manager, csv, choices, actor));
    const { batch, problemCount } = await inTransaction(database.dataSource, (manager) => employeeImportPreview(manager, batchId, 1));
    const { counts } = batch;
    console.log(`${fileName}: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.invalid} invalid line${counts.invalid === 1 ? '' : 's'}.`);
    if (batch.missingDepartments.length) console.log(`Departments to create: ${batch.missingDepartments.join(', ')}`);
    if (batch.missingSites.length) console.log(`Sites to create: ${batch.missingSites.join(', ')}`);
    if (batch.ignoredColumns.length) console.log(`Ignored columns: ${batch.ignoredColumns.join(', ')}`);
    if (problemCount) {
      await inTransaction(database.dataSource, (manager) =>
        eachImportProblemChunk(manager, batchId, async (problems) => {
          for (const problem of problems) console.log(`  line ${problem.line}${problem.column ? `, ${problem.column}` : ''}: ${problem.message}`);
        }),
      );
      console.error('Nothing imported: correct the invalid lines and run again.');
      process.exitCode = 1;
      return;
    }
    if (!values.apply) {
      console.log(`Nothing saved yet: run again with --apply, or apply this preview at ${config.publicUrl}/hr/import/${batchId}`);
      return;
    }
    const applying = progressBar('Applying ');
    const applied = await inTransaction(database.dataSource, (manager) => applyEmployeeImport(manager, config, batchId, actor, applying.update));
    applying.stop();
    console.log(`Imported: ${applied.new} created, ${applied.updated} updated, ${applied.unchanged} unchanged.`);
  } finally {
    await database.close();
  }
}

/** A bar that appears with the first report of progress, since the total is known only then. */
function progressBar(label: string) {
  const bar = new SingleBar({ format: `${label}{bar} {percentage}% {value}/{total} {eta_formatted} left` }, Presets.shades_classic);
  let started = false;
  return {
    update: (done: number, total: number) => {
      if (!started) {
        started = true;
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
