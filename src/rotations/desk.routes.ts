// HR's pages for support desks: the list, a new desk, and one desk with its capacity overrides.
import { type Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { type FieldErrors, parseForm } from '../http/validation';
import { capacityOverrideForm, type DeskFormValues, deskForm, deskValuesOf, newDeskValues, submittedDeskValues, weekdays } from './desk-form';
import { summariseDesk } from './desk-view';
import {
  archiveDesk,
  createDesk,
  deleteDesk,
  findDesk,
  listDesks,
  listSites,
  removeCapacityOverride,
  restoreDesk,
  setCapacityOverrides,
  updateDesk,
} from './desks';
import { weekForm, weeksOfRange } from './form-fields';
import { asFormResult } from '../http/invalid-fields';
import { actorOf } from '../audit/audit-log';
import { text } from './submitted-values';

interface DeskPageForms {
  values?: DeskFormValues;
  errors?: FieldErrors;
  overrideValues?: { week: string; through: string; capacity: string };
  overrideErrors?: FieldErrors;
}

const emptyOverride = { week: '', through: '', capacity: '' };

export function deskRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function renderNewDesk(res: Response, status: number, values: DeskFormValues, errors: FieldErrors) {
    const sites = await inTransaction(dataSource, listSites);
    res.status(status).render('rotations/desk-new', { title: 'New support desk', sites, weekdays, values, errors });
  }

  async function renderDesk(res: Response, status: number, id: string, forms: DeskPageForms = {}) {
    const { desk, sites } = await inTransaction(dataSource, async (manager) => ({ desk: await findDesk(manager, id), sites: await listSites(manager) }));
    res.status(status).render('rotations/desk', {
      title: desk.name,
      desk: summariseDesk(desk),
      sites,
      weekdays,
      values: forms.values ?? deskValuesOf(desk),
      errors: forms.errors ?? {},
      overrideValues: forms.overrideValues ?? emptyOverride,
      overrideErrors: forms.overrideErrors ?? {},
    });
  }

  router.get('/hr/desks', hrOnly, async (req, res) => {
    const desks = await inTransaction(dataSource, listDesks);
    res.render('rotations/desks', { title: 'Support desks', desks: desks.map(summariseDesk) });
  });

  router.get('/hr/desks/new', hrOnly, async (req, res) => {
    await renderNewDesk(res, 200, newDeskValues, {});
  });

  router.post('/hr/desks', hrOnly, async (req, res) => {
    const form = parseForm(deskForm, req.body);
    if (!form.ok) return renderNewDesk(res, 422, submittedDeskValues(req.body), form.errors);
    const created = await asFormResult(() => inTransaction(dataSource, (manager) => createDesk(manager, actorOf(req.user!), form.data)));
    if (!created.ok) return renderNewDesk(res, 422, submittedDeskValues(req.body), created.errors);
    res.redirect(303, `/hr/desks/${created.data.id}`);
  });

  router.get('/hr/desks/:id', hrOnly, async (req, res) => {
    await renderDesk(res, 200, String(req.params.id));
  });

  router.post('/hr/desks/:id', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    const form = parseForm(deskForm, req.body);
    if (!form.ok) return renderDesk(res, 422, id, { values: submittedDeskValues(req.body), errors: form.errors });
    const updated = await asFormResult(() => inTransaction(dataSource, (manager) => updateDesk(manager, actorOf(req.user!), id, form.data)));
    if (!updated.ok) return renderDesk(res, 422, id, { values: submittedDeskValues(req.body), errors: updated.errors });
    res.redirect(303, `/hr/desks/${id}`);
  });

  router.post('/hr/desks/:id/overrides', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    const form = parseForm(capacityOverrideForm, req.body);
    if (!form.ok) {
      const overrideValues = { week: text(req.body?.week), through: text(req.body?.through), capacity: text(req.body?.capacity) };
      return renderDesk(res, 422, id, { overrideValues, overrideErrors: form.errors });
    }
    await inTransaction(dataSource, (manager) => setCapacityOverrides(manager, actorOf(req.user!), id, weeksOfRange(form.data), form.data.capacity));
    res.redirect(303, `/hr/desks/${id}#capacity-weeks`);
  });

  router.post('/hr/desks/:id/overrides/remove', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    const form = parseForm(weekForm, req.body);
    if (!form.ok) return renderDesk(res, 422, id, { overrideErrors: form.errors });
    await inTransaction(dataSource, (manager) => removeCapacityOverride(manager, actorOf(req.user!), id, form.data.week));
    res.redirect(303, `/hr/desks/${id}#capacity-weeks`);
  });

  router.post('/hr/desks/:id/archive', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    await inTransaction(dataSource, (manager) => archiveDesk(manager, actorOf(req.user!), id));
    res.redirect(303, `/hr/desks/${id}`);
  });

  router.post('/hr/desks/:id/restore', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    await inTransaction(dataSource, (manager) => restoreDesk(manager, actorOf(req.user!), id));
    res.redirect(303, `/hr/desks/${id}`);
  });

  router.post('/hr/desks/:id/delete', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    await inTransaction(dataSource, (manager) => deleteDesk(manager, actorOf(req.user!), id));
    res.redirect(303, '/hr/desks');
  });

  return router;
}
