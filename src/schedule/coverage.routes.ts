// HR's coverage report: desks by week, hosts against capacity.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { isIsoWeek } from '../rotations/form-fields';
import { today } from './clock';
import { deskCoverage, weeksFrom } from './coverage';
import { weekOf } from './week-dates';

// A bad value in a hand-edited address falls back on the default, never a 500.
const coverageQuery = z.object({
  from: z
    .string()
    .trim()
    .transform((text) => text.toUpperCase())
    .refine(isIsoWeek)
    .optional()
    .catch(undefined),
  weeks: z.coerce.number().int().min(1).max(52).catch(12).default(12),
});

export function coverageRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/hr/coverage', hrOnly, async (req, res) => {
    const query = coverageQuery.parse(req.query);
    const from = query.from ?? weekOf(today());
    const weeks = weeksFrom(from, query.weeks);
    const rows = await inTransaction(dataSource, (manager) => deskCoverage(manager, weeks));
    res.render('schedule/coverage', { title: 'Desk coverage', weeks, rows, query: { from, weeks: query.weeks } });
  });

  return router;
}
