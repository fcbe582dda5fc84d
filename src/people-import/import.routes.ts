import { rm } from 'node:fs/promises';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { actorOf } from '../audit/audit-log';
import type { Config } from '../config';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { idParam } from '../http/id-param';
import { parseForm, type FieldErrors } from '../http/validation';
import { sendCsv } from '../people-export/csv-download';
import { applyEmployeeImport, eachImportProblemChunk, employeeImportPreview, previewEmployeeImport } from './employee-import.service';
import { importBatchLifetimeHours } from './import-batches';
import { importColumns } from './import-columns';
import { importTemplateCsv } from './import-template';
import { createdSiteTimeZone } from './organisation-names';
import { ImportFileRejected, readEmployeeCsv } from './read-employee-csv';
import { uploadReceiver } from './receive-upload';

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on');

const importChoicesForm = z.object({ createMissing: checkbox, sendInvitations: checkbox });
type ImportChoicesValues = z.output<typeof importChoicesForm>;

const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export function employeeImportRoutes(dataSource: DataSource, config: Config): Router {
  const router = Router();
  const receiveUpload = uploadReceiver(config.importMaxBytes);

  function showUploadForm(res: Response, status: number, values: ImportChoicesValues, errors: FieldErrors = {}) {
    res.status(status).render('people-import/upload', {
      title: 'Import employees',
      columns: importColumns(config.organisationDateFormat),
      maxMegabytes: Math.round((config.importMaxBytes / (1024 * 1024)) * 10) / 10,
      values,
      errors,
    });
  }

  const submittedChoices = (req: Request): ImportChoicesValues => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    return { createMissing: body.createMissing === 'on', sendInvitations: body.sendInvitations === 'on' };
  };

  router.get('/hr/import', hrOnly, (req, res) => {
    showUploadForm(res, 200, { createMissing: false, sendInvitations: false });
  });

  router.get('/hr/import/template.csv', hrOnly, (req, res) => {
    res.attachment('employees-template.csv').type('text/csv; charset=utf-8').send(importTemplateCsv(config.organisationDateFormat));
  });

  router.post('/hr/import', hrOnly, async (req, res) => {
    let file: Express.Multer.File | undefined;
    try {
      file = await receiveUpload(req, res);
      const form = parseForm(importChoicesForm, req.body);
      if (!form.ok) return showUploadForm(res, 422, submittedChoices(req), form.errors);
      if (!file) return showUploadForm(res, 422, form.data, { file: 'Choose a CSV file to upload' });
      const fileName = file.originalname;
      const csv = await readEmployeeCsv(file.path, { fileName, organisationDateFormat: config.organisationDateFormat });
      const batchId = await inTransaction(dataSource, (manager) => previewEmployeeImport(manager, csv, { fileName, ...form.data }, actorOf(req.user!)));
      res.redirect(303, `/hr/import/${batchId}`);
    } catch (error) {
      if (!(error instanceof ImportFileRejected)) throw error;
      showUploadForm(res, error.status, submittedChoices(req), { file: error.message });
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  });

  router.get('/hr/import/:batchId', hrOnly, async (req, res) => {
    const batchId = idParam(req.params.batchId);
    const preview = await inTransaction(dataSource, (manager) => employeeImportPreview(manager, batchId, pageSchema.parse(req.query.page)));
    res.render('people-import/preview', { title: `Import of ${preview.batch.fileName}`, preview, importBatchLifetimeHours, createdSiteTimeZone });
  });

  router.post('/hr/import/:batchId/apply', hrOnly, async (req, res) => {
    const batchId = idParam(req.params.batchId);
    await inTransaction(dataSource, (manager) => applyEmployeeImport(manager, config, batchId, actorOf(req.user!)));
    res.redirect(303, `/hr/import/${batchId}`);
  });

  router.get('/hr/import/:batchId/problems.csv', hrOnly, async (req, res) => {
    const batchId = idParam(req.params.batchId);
    await sendCsv(res, 'import-problems.csv', ['line', 'column', 'message'], (write) =>
      eachImportProblemChunk(dataSource.manager, batchId, async (problems) => {
        for (const problem of problems) await write([problem.line, problem.column, problem.message]);
      }),
    );
  });

  return router;
}
