import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { asFormResult } from '../http/invalid-fields';
import { countryName, siteForm } from './sites.schemas';
import { createSite, findSite, listSites, updateSite, type SiteFields } from './sites.service';

const emptySite: SiteFields = { name: '', timeZone: '', countryCode: '' };

function submitted(req: Request): SiteFields {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return { name: String(body.name ?? ''), timeZone: String(body.timeZone ?? ''), countryCode: String(body.countryCode ?? '') };
}

export function siteRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function showList(res: Response, status: number, values = emptySite, errors: FieldErrors = {}) {
    const sites = await inTransaction(dataSource, listSites);
    res.status(status).render('people/sites', { title: 'Sites', sites, countryName, values, errors });
  }

  async function showSite(res: Response, id: string, status = 200, edited?: SiteFields, errors: FieldErrors = {}) {
    const site = await inTransaction(dataSource, (manager) => findSite(manager, id));
    res.status(status).render('people/site', { title: site.name, site, values: edited ?? site, errors });
  }

  router.get('/hr/sites', hrOnly, async (req, res) => {
    res.locals.notice = takeFlash(req);
    await showList(res, 200);
  });

  router.post('/hr/sites', hrOnly, async (req, res) => {
    const form = parseForm(siteForm, req.body);
    if (!form.ok) return showList(res, 422, submitted(req), form.errors);
    const saved = await asFormResult(() => inTransaction(dataSource, (manager) => createSite(manager, actorOf(req.user!), form.data)));
    if (!saved.ok) return showList(res, 422, submitted(req), saved.errors);
    setFlash(req, `${form.data.name} created.`);
    res.redirect(303, '/hr/sites');
  });

  router.get('/hr/sites/:id', hrOnly, async (req, res) => {
    await showSite(res, idParam(req.params.id));
  });

  router.post('/hr/sites/:id', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(siteForm, req.body);
    if (!form.ok) return showSite(res, id, 422, submitted(req), form.errors);
    const saved = await asFormResult(() => inTransaction(dataSource, (manager) => updateSite(manager, actorOf(req.user!), id, form.data)));
    if (!saved.ok) return showSite(res, id, 422, submitted(req), saved.errors);
    setFlash(req, `${form.data.name} saved.`);
    res.redirect(303, '/hr/sites');
  });

  return router;
}
