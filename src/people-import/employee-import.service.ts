// The employee import, shared by the upload page and the command line: a preview that stores the checked file,
// then an apply that upserts every row in the caller's one transaction, checked again against the data of that moment.
import type { EntityManager } from 'typeorm';
import { recordAuditEntries, type AuditActor } from '../audit/audit-log';
import type { Config } from '../config';
import { Conflict, NotFound, RuleViolation } from '../http/errors';
import { cancelFutureAssignments } from '../schedule/deactivation';
import { inviteEmployees } from '../invitations/invitations.service';
import { auditEntriesFor, currentEmployeesByEmail, planEmployeeUpserts, writeEmployeeUpserts } from './employee-upserts';
import {
  countImportBatchProblems,
  createImportBatch,
  findImportBatch,
  importBatchProblems,
  markImportBatchApplied,
  stagedImportRows,
  type ImportBatch,
  type ImportCounts,
} from './import-batches';
import { columnHeaders } from './import-columns';
import type { RowProblem } from './import-row';
import { createMissingUnits, loadOrganisationNames, matchOrganisation } from './organisation-names';
import { refusedRoleChanges } from './refused-role-changes';
import type { EmployeeCsv } from './read-employee-csv';

export interface ImportChoices {
  fileName: string;
  createMissing: boolean;
  sendInvitations: boolean;
}

/** Checks the read file against Frontline's data, stores it for the apply, and returns the batch id. */
export async function previewEmployeeImport(manager: EntityManager, csv: EmployeeCsv, choices: ImportChoices, uploader: AuditActor): Promise<string> {
  const match = matchOrganisation(csv.rows, await loadOrganisationNames(manager), choices.createMissing, csv.columnLabels);
  const current = await currentEmployeesByEmail(manager, match.rows.map((row) => row.email));
  const plan = planEmployeeUpserts(match.rows, current, csv);
  const refused = await refusedRoleChanges(manager, plan.updates, uploader, csv.columnLabels.roles);
  const refusedLines = new Set(refused.map((problem) => problem.line));
  const problems = [...csv.problems, ...match.problems, ...refused].sort((a, b) => a.line - b.line);
  return createImportBatch(
    manager,
    {
      uploadedBy: uploader.id,
      uploadedByName: uploader.name,
      ...choices,
      hasTerminationDateColumn: csv.hasTerminationDateColumn,
      hasRolesColumn: csv.hasRolesColumn,
      ignoredColumns: csv.ignoredColumns,
      counts: {
        new: plan.creations.length,
        updated: plan.updates.filter((update) => !refusedLines.has(update.line)).length,
        unchanged: plan.unchanged,
        invalid: new Set(problems.map((problem) => problem.line)).size,
      },
      missingDepartments: match.missingDepartments,
      missingSites: match.missingSites,
    },
    match.rows,
    problems,
  );
}

export interface ImportPreview {
  batch: ImportBatch;
  expired: boolean;
  problemCount: number;
  /** One page of problems, in file order. */
  problems: RowProblem[];
  /** The place of the first shown problem in the whole list, from 1. */
  firstShown: number;
  page: number;
  pageCount: number;
}

const problemsPerPage = 100;

export async function employeeImportPreview(manager: EntityManager, batchId: string, page: number): Promise<ImportPreview> {
  const batch = await findImportBatch(manager, batchId);
  if (!batch) throw new NotFound(unknownBatchMessage);
  const problemCount = await countImportBatchProblems(manager, batchId);
  const pageCount = Math.max(1, Math.ceil(problemCount / problemsPerPage));
  const shown = Math.min(page, pageCount);
  const problems = await importBatchProblems(manager, batchId, (shown - 1) * problemsPerPage, problemsPerPage);
  return { batch, expired: batch.expiresAt.getTime() < Date.now(), problemCount, problems, firstShown: (shown - 1) * problemsPerPage + 1, page: shown, pageCount };
}

/** Hands every problem of a batch, in file order, a chunk at a time, for the downloadable list. */
export async function eachImportProblemChunk(manager: EntityManager, batchId: string, handle: (problems: RowProblem[]) => Promise<void>): Promise<void> {
  if (!(await findImportBatch(manager, batchId))) throw new NotFound(unknownBatchMessage);
  const chunkSize = 5000;
  for (let position = 0; ; position += chunkSize) {
    const problems = await importBatchProblems(manager, batchId, position, chunkSize);
    if (problems.length) await handle(problems);
    if (problems.length < chunkSize) return;
  }
}

export type ApplyProgress = (rowsWritten: number, rowsToWrite: number) => void;

/**
 * Creates and updates the batch's people, with their audit entries (and invitations, if asked for) in the caller's
 * transaction. The file is matched again against the data as it is now, so changes made since the preview count.
 */
export async function applyEmployeeImport(
  manager: EntityManager,
  config: Config,
  batchId: string,
  actor: AuditActor,
  onProgress?: ApplyProgress,
): Promise<ImportCounts> {
  const batch = await findImportBatch(manager, batchId, { lock: true });
  if (!batch) throw new NotFound(unknownBatchMessage);
  if (batch.appliedAt) throw new Conflict(`This file was already imported, by ${batch.appliedByName} on ${batch.appliedAt.toISOString().slice(0, 10)}.`);
  if (batch.counts.invalid) {
    throw new RuleViolation(`Nothing can be imported from a file with invalid rows (${batch.counts.invalid} here). Correct them and upload the file again.`);
  }
  if (batch.expiresAt.getTime() < Date.now()) throw new RuleViolation('This preview has expired. Upload the file again.');

  // Edits to employees wait until the import commits, so the changes planned below are the changes saved.
  await manager.query('LOCK TABLE employees IN SHARE ROW EXCLUSIVE MODE');
  const rows = await stagedImportRows(manager, batchId);
  const match = matchOrganisation(rows, await loadOrganisationNames(manager), batch.createMissing, columnHeaders);
  refuseIfChangedSincePreview(match.problems);
  const names = await createMissingUnits(manager, actor, match);
  const current = await currentEmployeesByEmail(manager, match.rows.map((row) => row.email));
  const plan = planEmployeeUpserts(match.rows, current, batch);
  refuseIfChangedSincePreview(await refusedRoleChanges(manager, plan.updates, actor, columnHeaders.roles));
  const rowsToWrite = plan.creations.length + plan.updates.length;
  await writeEmployeeUpserts(manager, plan, names, (written) => onProgress?.(written, rowsToWrite));
  // People the file marks as leaving lose their future rotations, as when HR deactivates them by hand.
  for (const { id, before, after } of plan.updates) {
    if (after.terminationDate && after.terminationDate !== before.terminationDate) await cancelFutureAssignments(manager, actor, id, after.terminationDate);
  }
  await recordAuditEntries(manager, actor, auditEntriesFor(plan, batch.fileName));
  if (batch.sendInvitations) await inviteEmployees(manager, config, plan.creations.map(({ id, after }) => ({ id, fullName: after.fullName, email: after.email })));
  const counts = { new: plan.creations.length, updated: plan.updates.length, unchanged: plan.unchanged };
  await markImportBatchApplied(manager, batchId, actor.name, counts);
  return counts;
}

function refuseIfChangedSincePreview(problems: RowProblem[]): void {
  if (!problems.length) return;
  const { line, message } = problems[0];
  throw new RuleViolation(`Frontline’s data changed since the preview, and line ${line} no longer fits: ${message}. Upload the file again.`);
}

const unknownBatchMessage = 'There is no such import. Previews are kept for a day; upload the file again.';
