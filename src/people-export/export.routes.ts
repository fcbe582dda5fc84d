import { Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { hrOnly } from '../http/access';
import { parseEmployeeListFilters } from '../people/employee-list';
import { columnHeaders, importColumnKeys } from '../people-import/import-columns';
import { sendCsv } from './csv-download';
import { eachExportChunk } from './employee-export.service';

export function employeeExportRoutes(dataSource: DataSource): Router {
  const router = Router();

  // Chunks are read outside a transaction: a slow download must not hold the embedded database's one connection.
  router.get('/hr/employees/export.csv', hrOnly, async (req, res) => {
    const filters = parseEmployeeListFilters(req.query);
    const header = importColumnKeys.map((key) => columnHeaders[key]);
    await sendCsv(res, `employees-${DateTime.now().toISODate()}.csv`, header, async (write) => {
      await eachExportChunk(dataSource.manager, filters, async (records) => {
        for (const record of records) await write(record);
      });
    });
  });

  return router;
}
