// /hr/incomplete: rotations that ended short of their hours, and HR's decision on each.
import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { Conflict, RuleViolation } from '../http/errors';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm } from '../http/validation';
import { idParam } from '../http/id-param';
import { versionField } from '../schedule/assignment-forms';
import { today } from '../schedule/clock';
import { ScheduleRuleBroken } from '../schedule/schedule-check';
import { readSettings } from '../settings/settings.service';
import { completeFinishedRotations } from './completion';
import { acceptRotation, extendRotation, listIncompleteRotations, replanRotation } from './incomplete-rotations';

const extendForm = z.object({
  version: versionField,
  weeks: z.coerce
    .number({ error: 'Enter the weeks to add as a whole number' })
    .int('Enter the weeks to add as a whole number')
    .min(1, 'Add at least 1 week')
    .max(26, 'Add at most 26 weeks'),
});
const decisionForm = z.object({ version: versionField });

interface Refusal {
  rotationId: string;
  reasons: string[];
}

const decisions = {
  accept: { run: acceptRotation, done: 'Accepted as completed.' },
  replan: { run: replanRotation, done: 'Cancelled: the next plan run places the employee again.' },
};

export function incompleteRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function showList(req: Request, res: Response, status = 200, refusal?: Refusal) {
    const page = await inTransaction(dataSource, async (manager) => {
      // The page shows the state of today, whether or not the background job has run since midnight.
      await completeFinishedRotations(manager, today());
      return { rotations: await listIncompleteRotations(manager, DateTime.now()), settings: await readSettings(manager) };
    });
    res.status(status).render('shifts/incomplete', { title: 'Incomplete rotations', ...page, refusal, submitted: req.body ?? {}, notice: takeFlash(req) });
  }

  router.get('/hr/incomplete', hrOnly, (req, res) => showList(req, res));

  router.post('/hr/incomplete/:id/extend', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(extendForm, req.body);
    if (!form.ok) return showList(req, res, 422, { rotationId: id, reasons: Object.values(form.errors) });
    const run = (manager: EntityManager) => extendRotation(manager, actorOf(req.user!), id, form.data.version, form.data.weeks, DateTime.now(), today());
    await decide(req, res, id, run, 'Extended; the employee will be told, and the rotation is checked again after its new end.');
  });

  for (const name of ['accept', 'replan'] as const) {
    router.post(`/hr/incomplete/:id/${name}`, hrOnly, async (req, res) => {
      const id = idParam(req.params.id);
      const form = parseForm(decisionForm, req.body);
      if (!form.ok) return showList(req, res, 422, { rotationId: id, reasons: Object.values(form.errors) });
      await decide(req, res, id, (manager) => decisions[name].run(manager, actorOf(req.user!), id, form.data.version, DateTime.now()), decisions[name].done);
    });
  }

  async function decide(req: Request, res: Response, id: string, run: (manager: EntityManager) => Promise<void>, done: string) {
    try {
      await inTransaction(dataSource, run);
    } catch (error) {
      if (error instanceof ScheduleRuleBroken) return showList(req, res, error.status, { rotationId: id, reasons: error.reasons });
      if (error instanceof RuleViolation || error instanceof Conflict) return showList(req, res, error.status, { rotationId: id, reasons: [error.message] });
      throw error;
    }
    setFlash(req, done);
    res.redirect(303, '/hr/incomplete');
  }

  return router;
}
