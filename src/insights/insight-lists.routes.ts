// HR's page for the lists insights are sorted by (categories, product areas) and the routing rules.
import { Router, type Request, type Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { asFormResult } from '../http/invalid-fields';
import { loadInsightListsPage } from './insight-lists-page';
import { addEntry, insightListKinds, renameEntry, setEntryArchived, type InsightListKind } from './insight-lists';
import { listEntryNameForm, routingRuleForm } from './insight-lists.schemas';
import { addRoutingRule, removeRoutingRule } from './routing-rules';

export const insightListsUrl = '/hr/insight-lists';
const listPaths: Record<InsightListKind, string> = { category: 'categories', 'product-area': 'product-areas' };
const listNouns: Record<InsightListKind, string> = { category: 'Category', 'product-area': 'Product area' };

const bodyText = (req: Request, field: string) => String((req.body as Record<string, unknown> | undefined)?.[field] ?? '');

export function insightListRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function showLists(req: Request, res: Response, status = 200, values: Record<string, string> = {}, errors: FieldErrors = {}) {
    const page = await inTransaction(dataSource, loadInsightListsPage);
    res.status(status).render('insights/lists', { title: 'Insight lists', ...page, values, errors, notice: takeFlash(req) });
  }

  router.get(insightListsUrl, hrOnly, (req, res) => showLists(req, res));

  for (const kind of insightListKinds) {
    const listUrl = `${insightListsUrl}/${listPaths[kind]}`;
    const back = `${insightListsUrl}#${listPaths[kind]}`;

    // Each name field on the page has its own id, so a message points at the field that was typed in.
    async function saveName(req: Request, res: Response, field: string, save: (manager: EntityManager, name: string) => Promise<unknown>, done: (name: string) => string) {
      const values = { [field]: bodyText(req, 'name') };
      const form = parseForm(listEntryNameForm, req.body);
      if (!form.ok) return showLists(req, res, 422, values, { [field]: form.errors.name });
      const saved = await asFormResult(() => inTransaction(dataSource, (manager) => save(manager, form.data.name)));
      if (!saved.ok) return showLists(req, res, 422, values, saved.errors);
      setFlash(req, done(form.data.name));
      res.redirect(303, back);
    }

    router.post(listUrl, hrOnly, (req, res) => {
      const field = `${kind}-new`;
      return saveName(req, res, field, (manager, name) => addEntry(manager, actorOf(req.user!), kind, name, field), (name) => `${listNouns[kind]} ${name} added.`);
    });

    router.post(`${listUrl}/:id/name`, hrOnly, (req, res) => {
      const id = idParam(req.params.id);
      const field = `${kind}-${id}`;
      return saveName(req, res, field, (manager, name) => renameEntry(manager, actorOf(req.user!), kind, id, name, field), (name) => `${listNouns[kind]} renamed to ${name}.`);
    });

    for (const [path, archived] of [
      ['archive', true],
      ['unarchive', false],
    ] as const) {
      router.post(`${listUrl}/:id/${path}`, hrOnly, async (req, res) => {
        const id = idParam(req.params.id);
        const entry = await inTransaction(dataSource, (manager) => setEntryArchived(manager, actorOf(req.user!), kind, id, archived));
        setFlash(req, archived ? `${listNouns[kind]} ${entry.name} archived: it is no longer offered for new insights.` : `${listNouns[kind]} ${entry.name} is offered again.`);
        res.redirect(303, back);
      });
    }
  }

  router.post(`${insightListsUrl}/routing-rules`, hrOnly, async (req, res) => {
    const values = { ruleCategoryId: bodyText(req, 'ruleCategoryId'), ruleProductAreaId: bodyText(req, 'ruleProductAreaId'), ruleDepartmentId: bodyText(req, 'ruleDepartmentId') };
    const form = parseForm(routingRuleForm, req.body);
    const saved = form.ok ? await asFormResult(() => inTransaction(dataSource, (manager) => addRoutingRule(manager, actorOf(req.user!), form.data))) : form;
    if (!saved.ok) return showLists(req, res, 422, values, saved.errors);
    setFlash(req, 'Routing rule added.');
    res.redirect(303, `${insightListsUrl}#routing-rules`);
  });

  router.post(`${insightListsUrl}/routing-rules/:id/delete`, hrOnly, async (req, res) => {
    await inTransaction(dataSource, (manager) => removeRoutingRule(manager, actorOf(req.user!), idParam(req.params.id)));
    setFlash(req, 'Routing rule removed.');
    res.redirect(303, `${insightListsUrl}#routing-rules`);
  });

  return router;
}
