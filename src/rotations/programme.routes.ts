// HR's pages for rotation programmes: the list, a new programme, and one programme with its exemptions.
import { type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { type FieldErrors, parseForm } from '../http/validation';
import { exemptionForm } from './exemption-form';
import { asFormResult } from '../http/invalid-fields';
import { addExemption, listExemptions, removeExemption } from './programme-exemptions';
import {
  hoursPerShift,
  newProgrammeValues,
  parseProgrammeForm,
  type ProgrammeFormValues,
  programmeValuesOf,
  submittedProgrammeValues,
} from './programme-form';
import { summariseProgramme } from './programme-view';
import { archiveProgramme, createProgramme, departmentChoices, findProgramme, listProgrammes, restoreProgramme, updateProgramme } from './programmes';
import { actorOf } from '../audit/audit-log';
import { text } from './submitted-values';

interface ProgrammePageForms {
  values?: ProgrammeFormValues;
  errors?: FieldErrors;
  exemptionValues?: { email: string; reason: string };
  exemptionErrors?: FieldErrors;
}

const emptyExemption = { email: '', reason: '' };

export function programmeRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function renderNewProgramme(res: Response, status: number, values: ProgrammeFormValues, errors: FieldErrors) {
    const departments = await inTransaction(dataSource, (manager) => departmentChoices(manager));
    res.status(status).render('rotations/programme-new', { title: 'New programme', departments, hoursPerShift, values, errors });
  }

  async function renderProgramme(res: Response, status: number, id: string, forms: ProgrammePageForms = {}) {
    const { programme, departments, exemptions } = await inTransaction(dataSource, async (manager) => {
      const found = await findProgramme(manager, id);
      return { programme: found, departments: await departmentChoices(manager, found), exemptions: await listExemptions(manager, id) };
    });
    res.status(status).render('rotations/programme', {
      title: programme.name,
      programme: summariseProgramme(programme),
      departments,
      hoursPerShift,
      exemptions,
      values: forms.values ?? programmeValuesOf(programme),
      errors: forms.errors ?? {},
      exemptionValues: forms.exemptionValues ?? emptyExemption,
      exemptionErrors: forms.exemptionErrors ?? {},
    });
  }

  router.get('/hr/programmes', hrOnly, async (req, res) => {
    const programmes = await inTransaction(dataSource, listProgrammes);
    res.render('rotations/programmes', { title: 'Rotation programmes', programmes: programmes.map(summariseProgramme) });
  });

  router.get('/hr/programmes/new', hrOnly, async (req, res) => {
    await renderNewProgramme(res, 200, newProgrammeValues(DateTime.now().toISODate()), {});
  });

  router.post('/hr/programmes', hrOnly, async (req, res) => {
    const form = parseProgrammeForm(req.body);
    if (!form.ok) return renderNewProgramme(res, 422, submittedProgrammeValues(req.body), form.errors);
    const created = await asFormResult(() => inTransaction(dataSource, (manager) => createProgramme(manager, actorOf(req.user!), form.data)));
    if (!created.ok) return renderNewProgramme(res, 422, submittedProgrammeValues(req.body), created.errors);
    res.redirect(303, `/hr/programmes/${created.data.id}`);
  });

  router.get('/hr/programmes/:id', hrOnly, async (req, res) => {
    await renderProgramme(res, 200, String(req.params.id));
  });

  router.post('/hr/programmes/:id', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    const form = parseProgrammeForm(req.body);
    if (!form.ok) return renderProgramme(res, 422, id, { values: submittedProgrammeValues(req.body), errors: form.errors });
    const updated = await asFormResult(() => inTransaction(dataSource, (manager) => updateProgramme(manager, actorOf(req.user!), id, form.data)));
    if (!updated.ok) return renderProgramme(res, 422, id, { values: submittedProgrammeValues(req.body), errors: updated.errors });
    res.redirect(303, `/hr/programmes/${id}`);
  });

  router.post('/hr/programmes/:id/archive', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    await inTransaction(dataSource, (manager) => archiveProgramme(manager, actorOf(req.user!), id));
    res.redirect(303, `/hr/programmes/${id}`);
  });

  router.post('/hr/programmes/:id/restore', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    await inTransaction(dataSource, (manager) => restoreProgramme(manager, actorOf(req.user!), id));
    res.redirect(303, `/hr/programmes/${id}`);
  });

  router.post('/hr/programmes/:id/exemptions', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    const exemptionValues = { email: text(req.body?.email), reason: text(req.body?.reason) };
    const form = parseForm(exemptionForm, req.body);
    if (!form.ok) return renderProgramme(res, 422, id, { exemptionValues, exemptionErrors: form.errors });
    const added = await asFormResult(() => inTransaction(dataSource, (manager) => addExemption(manager, actorOf(req.user!), id, form.data)));
    if (!added.ok) return renderProgramme(res, 422, id, { exemptionValues, exemptionErrors: added.errors });
    res.redirect(303, `/hr/programmes/${id}#exemptions`);
  });

  router.post('/hr/programmes/:id/exemptions/:employeeId/remove', hrOnly, async (req, res) => {
    const id = String(req.params.id);
    await inTransaction(dataSource, (manager) => removeExemption(manager, actorOf(req.user!), id, String(req.params.employeeId)));
    res.redirect(303, `/hr/programmes/${id}#exemptions`);
  });

  return router;
}
