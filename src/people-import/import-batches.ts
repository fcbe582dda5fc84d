// An uploaded file kept between its preview and its apply: its checked rows and its problems, in bulk.
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';
import type { ImportRow, RowProblem } from './import-row';

/** Long enough to review a preview and ask a colleague; short enough that stale data does not linger. */
export const importBatchLifetimeHours = 24;

export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
}

export interface NewImportBatch {
  uploadedBy: string | null;
  uploadedByName: string;
  fileName: string;
  createMissing: boolean;
  sendInvitations: boolean;
  hasTerminationDateColumn: boolean;
  hasRolesColumn: boolean;
  ignoredColumns: string[];
  counts: ImportCounts & { invalid: number };
  missingDepartments: string[];
  missingSites: string[];
}

export interface ImportBatch extends NewImportBatch {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  appliedAt: Date | null;
  appliedByName: string | null;
  appliedCounts: ImportCounts | null;
}

interface ImportBatchRecord extends Omit<ImportBatch, 'counts' | 'appliedCounts'> {
  newCount: number;
  updatedCount: number;
  unchangedCount: number;
  invalidCount: number;
  appliedNewCount: number | null;
  appliedUpdatedCount: number | null;
  appliedUnchangedCount: number | null;
}

/** Stores the batch; rows only when all are valid, since only then can the batch be applied. */
export async function createImportBatch(manager: EntityManager, batch: NewImportBatch, rows: ImportRow[], problems: RowProblem[]): Promise<string> {
  await manager.query('DELETE FROM import_batches WHERE expires_at < now()');
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO import_batches (uploaded_by, uploaded_by_name, file_name, create_missing, send_invitations, has_termination_date_column,
       has_roles_column, ignored_columns, new_count, updated_count, unchanged_count, invalid_count, missing_departments, missing_sites, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now() + make_interval(hours => $15))
     RETURNING id`,
    [
      batch.uploadedBy,
      batch.uploadedByName,
      batch.fileName,
      batch.createMissing,
      batch.sendInvitations,
      batch.hasTerminationDateColumn,
      batch.hasRolesColumn,
      batch.ignoredColumns,
      batch.counts.new,
      batch.counts.updated,
      batch.counts.unchanged,
      batch.counts.invalid,
      batch.missingDepartments,
      batch.missingSites,
      importBatchLifetimeHours,
    ],
  );
  if (!problems.length) {
    await bulkInsert(
      manager,
      'import_batch_rows',
      [
        { name: 'batch_id', type: 'uuid' },
        { name: 'line', type: 'integer' },
        { name: 'full_name', type: 'text' },
        { name: 'email', type: 'text' },
        { name: 'department', type: 'text' },
        { name: 'site', type: 'text' },
        { name: 'job_title', type: 'text' },
        { name: 'hire_date', type: 'date' },
        { name: 'termination_date', type: 'date' },
        { name: 'roles', type: 'text', convert: (value) => `string_to_array(${value}, ',')` },
      ],
      rows.map((row) => [id, row.line, row.fullName, row.email, row.department, row.site, row.jobTitle, row.hireDate, row.terminationDate, row.roles.join(',')]),
    );
  }
  await bulkInsert(
    manager,
    'import_batch_problems',
    [
      { name: 'batch_id', type: 'uuid' },
      { name: 'position', type: 'integer' },
      { name: 'line', type: 'integer' },
      { name: 'column_name', type: 'text' },
      { name: 'message', type: 'text' },
    ],
    problems.map((problem, position) => [id, position, problem.line, problem.column, problem.message]),
  );
  return id;
}

/** With `lock`, holds the batch until the transaction ends, so two applies of one file run one after the other. */
export async function findImportBatch(manager: EntityManager, id: string, { lock = false } = {}): Promise<ImportBatch | null> {
  const [record]: ImportBatchRecord[] = await manager.query(
    `SELECT id, uploaded_by AS "uploadedBy", uploaded_by_name AS "uploadedByName", file_name AS "fileName", create_missing AS "createMissing",
            send_invitations AS "sendInvitations", has_termination_date_column AS "hasTerminationDateColumn", has_roles_column AS "hasRolesColumn",
            ignored_columns AS "ignoredColumns", new_count AS "newCount", updated_count AS "updatedCount", unchanged_count AS "unchangedCount",
            invalid_count AS "invalidCount", missing_departments AS "missingDepartments", missing_sites AS "missingSites", created_at AS "createdAt",
            expires_at AS "expiresAt", applied_at AS "appliedAt", applied_by_name AS "appliedByName", applied_new_count AS "appliedNewCount",
            applied_updated_count AS "appliedUpdatedCount", applied_unchanged_count AS "appliedUnchangedCount"
       FROM import_batches WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!record) return null;
  const { newCount, updatedCount, unchangedCount, invalidCount, appliedNewCount, appliedUpdatedCount, appliedUnchangedCount, ...batch } = record;
  return {
    ...batch,
    counts: { new: newCount, updated: updatedCount, unchanged: unchangedCount, invalid: invalidCount },
    appliedCounts: batch.appliedAt ? { new: appliedNewCount!, updated: appliedUpdatedCount!, unchanged: appliedUnchangedCount! } : null,
  };
}

export async function stagedImportRows(manager: EntityManager, batchId: string): Promise<ImportRow[]> {
  return manager.query(
    `SELECT line, full_name AS "fullName", email, department, site, job_title AS "jobTitle", hire_date::text AS "hireDate",
            termination_date::text AS "terminationDate", roles
       FROM import_batch_rows WHERE batch_id = $1 ORDER BY line`,
    [batchId],
  );
}

export async function countImportBatchProblems(manager: EntityManager, batchId: string): Promise<number> {
  const [{ count }]: { count: number }[] = await manager.query('SELECT count(*)::int AS count FROM import_batch_problems WHERE batch_id = $1', [batchId]);
  return count;
}

/** Problems in file order, from the given position (0 is the first) on. */
export async function importBatchProblems(manager: EntityManager, batchId: string, fromPosition: number, limit: number): Promise<RowProblem[]> {
  return manager.query(
    `SELECT line, column_name AS "column", message FROM import_batch_problems
      WHERE batch_id = $1 AND position >= $2 ORDER BY position LIMIT $3`,
    [batchId, fromPosition, limit],
  );
}

/** Keeps the outcome for the page and drops the staged rows, which are no longer needed. */
export async function markImportBatchApplied(manager: EntityManager, batchId: string, appliedByName: string, counts: ImportCounts): Promise<void> {
  await manager.query(
    `UPDATE import_batches SET applied_at = now(), applied_by_name = $2, applied_new_count = $3, applied_updated_count = $4, applied_unchanged_count = $5
      WHERE id = $1`,
    [batchId, appliedByName, counts.new, counts.updated, counts.unchanged],
  );
  await manager.query('DELETE FROM import_batch_rows WHERE batch_id = $1', [batchId]);
}
