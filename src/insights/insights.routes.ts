// The insight routes beside the author's own: similar insights as the summary is typed, "I heard this too",
// merging duplicates, and HR's lists.
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { allowRoles, signedIn } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { asFormResult } from '../http/invalid-fields';
import { echoForm } from './insight-form';
import { echoInsight, findEchoTarget } from './insight-echoes';
import { insightListRoutes } from './insight-lists.routes';
import { loadMergePage, mergeInsights } from './insight-merge';
import { shiftChoices } from './linked-shift';
import { myInsightRoutes, myInsightsUrl } from './my-insights.routes';
import { findSimilarInsights, minimumSimilarText } from './similar-insights';

const queryText = (value: unknown) => (typeof value === 'string' ? value : '');
const bodyText = (req: Request, field: string) => queryText((req.body as Record<string, unknown> | undefined)?.[field]);

export function insightRoutes(dataSource: DataSource): Router {
  const router = Router();
  router.use(myInsightRoutes(dataSource), insightListRoutes(dataSource));

  // An HTML fragment for the form's script; without JavaScript the form's own button shows the same list.
  router.get('/insights/similar', signedIn, async (req, res) => {
    const summary = queryText(req.query.summary);
    const similar = await inTransaction(dataSource, (manager) => findSimilarInsights(manager, summary));
    res.render('insights/_similar', { similar, checked: summary.trim().length >= minimumSimilarText });
  });

  async function showEcho(req: Request, res: Response, insightId: string, status: number, values?: { shiftId: string; contacts: string }, errors: FieldErrors = {}) {
    const { insight, shifts } = await inTransaction(dataSource, async (manager) => ({
      insight: await findEchoTarget(manager, insightId),
      shifts: await shiftChoices(manager, req.user!.id),
    }));
    res.status(status).render('insights/echo', { title: 'I heard this too', insight, shifts, values: values ?? { shiftId: shifts[0]?.id ?? '', contacts: '' }, errors });
  }

  router.get('/insights/:id/echo', signedIn, (req, res) => showEcho(req, res, idParam(req.params.id), 200));

  router.post('/insights/:id/echo', signedIn, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(echoForm, req.body);
    const saved = form.ok ? await asFormResult(() => inTransaction(dataSource, (manager) => echoInsight(manager, req.user!, id, form.data))) : form;
    if (!saved.ok) return showEcho(req, res, id, 422, { shiftId: bodyText(req, 'shiftId'), contacts: bodyText(req, 'contacts') }, saved.errors);
    const { added, summary, contacts } = saved.data;
    setFlash(req, `Thank you: your ${added} ${added === 1 ? 'contact counts' : 'contacts count'} for “${summary}” now (${contacts} in all).`);
    res.redirect(303, myInsightsUrl);
  });

  const headsAndHr = allowRoles('head', 'hr');

  router.get('/insights/:id/merge', headsAndHr, async (req, res) => {
    const page = await inTransaction(dataSource, (manager) => loadMergePage(manager, req.user!, idParam(req.params.id), queryText(req.query.q)));
    res.render('insights/merge', { title: `Merge into “${page.insight.summary}”`, ...page, notice: takeFlash(req) });
  });

  router.post('/insights/:id/merge', headsAndHr, async (req, res) => {
    const targetId = idParam(req.params.id);
    const merged = await inTransaction(dataSource, (manager) => mergeInsights(manager, req.user!, targetId, idParam(req.body?.mergeId)));
    setFlash(req, `Merged “${merged.source}” into this insight: its contacts, echoes, tags and departments now count here.`);
    res.redirect(303, `/insights/${targetId}/merge`);
  });

  return router;
}
