import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { setFlash, takeFlash } from '../http/flash';
import { hrOnly } from '../http/access';
import { idParam } from '../http/id-param';
import { parseForm } from '../http/validation';
import type { UnplacedReason } from '../planner';
import { draftStaleness, publishPlanRun, StaleDraft } from '../schedule/publish-plan-run';
import { deskGrid, departmentPeaks, describeChanges, unplacedPage, unplacedPageSize, unplacedReasonLabels } from './plan-run-preview';
import { PlanRunInProgress } from './plan-run-lock';
import { createPlanRun, discardPlanRun, findPlanRun, listPlanRuns, nextMonday } from './plan-runs.service';

const planRunForm = z.object({
  horizonWeeks: z.coerce
    .number({ error: 'Enter the horizon as a whole number of weeks' })
    .int('Enter the horizon as a whole number of weeks')
    .min(1, 'The horizon is at least 1 week')
    .max(104, 'The horizon is at most 104 weeks'),
  replanPublished: z.literal('yes').optional(),
});

const previewQuery = z.object({
  reason: z.enum(Object.keys(unplacedReasonLabels) as [UnplacedReason, ...UnplacedReason[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const today = () => DateTime.now().toISODate()!;

export function planRunRoutes(dataSource: DataSource): Router {
  const router = Router();

  const renderIndex = async (values: Record<string, string>, errors: Record<string, string>) => ({
    title: 'Plan runs',
    runs: await listPlanRuns(dataSource.manager),
    firstMonday: nextMonday(today()),
    values,
    errors,
  });

  router.get('/hr/plan-runs', hrOnly, async (req, res) => {
    res.render('plan-runs/index', { ...(await renderIndex({ horizonWeeks: '52', replanPublished: '' }, {})), notice: takeFlash(req) });
  });

  router.post('/hr/plan-runs', hrOnly, async (req, res) => {
    const values = { horizonWeeks: String(req.body?.horizonWeeks ?? ''), replanPublished: String(req.body?.replanPublished ?? '') };
    const form = parseForm(planRunForm, req.body);
    if (!form.ok) return res.status(422).render('plan-runs/index', await renderIndex(values, form.errors));
    try {
      const id = await createPlanRun(dataSource, actorOf(req.user!), {
        today: today(),
        horizonWeeks: form.data.horizonWeeks,
        replanPublished: form.data.replanPublished === 'yes',
      });
      res.redirect(303, `/hr/plan-runs/${id}`);
    } catch (error) {
      if (!(error instanceof PlanRunInProgress)) throw error;
      res.status(409).render('plan-runs/index', await renderIndex(values, { form: error.message }));
    }
  });

  async function showRun(req: Request, res: Response, status = 200) {
    const run = await findPlanRun(dataSource.manager, idParam(req.params.id));
    const query = previewQuery.parse(req.query);
    const unplaced = await unplacedPage(dataSource.manager, run, query.reason, query.page);
    res.status(status).render('plan-runs/show', {
      title: `Plan run from ${run.firstWeek}`,
      run,
      staleness: run.status === 'draft' ? await draftStaleness(dataSource.manager, run, today()) : null,
      grid: await deskGrid(dataSource.manager, run.figures),
      departments: await departmentPeaks(dataSource.manager, run.figures),
      changes: await describeChanges(dataSource.manager, run),
      unplaced,
      reasonLabels: unplacedReasonLabels,
      query,
      pageCount: Math.max(1, Math.ceil(unplaced.total / unplacedPageSize)),
      notice: takeFlash(req),
    });
  }

  router.get('/hr/plan-runs/:id', hrOnly, async (req, res) => {
    await showRun(req, res);
  });

  router.post('/hr/plan-runs/:id/publish', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    try {
      const figures = await inTransaction(dataSource, (manager) => publishPlanRun(manager, actorOf(req.user!), id, today()));
      setFlash(req, `Published: ${figures.added} new, ${figures.moved} moved and ${figures.cancelled} cancelled assignments; everyone affected will be told.`);
      res.redirect(303, `/hr/plan-runs/${id}`);
    } catch (error) {
      if (!(error instanceof StaleDraft)) throw error;
      await showRun(req, res, error.status);
    }
  });

  router.post('/hr/plan-runs/:id/discard', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    await dataSource.transaction((manager) => discardPlanRun(manager, id));
    setFlash(req, 'The draft was discarded.');
    res.redirect(303, '/hr/plan-runs');
  });

  return router;
}
