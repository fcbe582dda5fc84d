// An employee's insights: writing one at /me/insights/new, the list with the departments' answers, and each one
// as its author sees it (the confirmation after saving, with what was masked).
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { signedIn } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { asFormResult } from '../http/invalid-fields';
import { captureInsight } from './insight-capture';
import { formIntent, insightForm, insightFormValues, type InsightFormValues } from './insight-form';
import { loadInsightFormPage, type FormShowing } from './insight-form-page';
import { listMyEchoes, listMyInsights, loadMyInsight } from './my-insights';

export const myInsightsUrl = '/me/insights';

export function myInsightRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function showForm(req: Request, res: Response, status: number, typed: InsightFormValues | null, showing: FormShowing = {}, errors: FieldErrors = {}) {
    const page = await inTransaction(dataSource, (manager) => loadInsightFormPage(manager, req.user!.id, typed, showing));
    res.status(status).render('insights/form', { title: 'Write an insight', ...page, errors });
  }

  router.get(myInsightsUrl, signedIn, async (req, res) => {
    const { insights, echoes } = await inTransaction(dataSource, async (manager) => ({
      insights: await listMyInsights(manager, req.user!.id),
      echoes: await listMyEchoes(manager, req.user!.id),
    }));
    res.render('insights/my-insights', { title: 'My insights', insights, echoes, notice: takeFlash(req) });
  });

  router.get(`${myInsightsUrl}/new`, signedIn, (req, res) => showForm(req, res, 200, null));

  router.post(myInsightsUrl, signedIn, async (req, res) => {
    const typed = insightFormValues(req.body);
    const intent = formIntent(req.body);
    if (intent !== 'save') return showForm(req, res, 200, typed, { suggestDepartments: intent === 'suggest-departments' });
    const form = parseForm(insightForm, req.body);
    const saved = form.ok ? await asFormResult(() => inTransaction(dataSource, (manager) => captureInsight(manager, req.user!, form.data))) : form;
    if (!saved.ok) return showForm(req, res, 422, typed, {}, saved.errors);
    setFlash(req, 'Insight saved: it now reaches the departments you chose. Thank you.');
    res.redirect(303, `${myInsightsUrl}/${saved.data.id}`);
  });

  router.get(`${myInsightsUrl}/:id`, signedIn, async (req, res) => {
    const page = await inTransaction(dataSource, (manager) => loadMyInsight(manager, req.user!.id, idParam(req.params.id)));
    res.render('insights/my-insight', { title: page.insight.summary, ...page, notice: takeFlash(req) });
  });

  return router;
}
