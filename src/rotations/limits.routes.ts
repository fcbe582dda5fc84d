// HR's pages for department limits: each department's share on rotation at once, and its blackout weeks.
import { type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { type FieldErrors, parseForm } from '../http/validation';
import { addBlackoutWeeks, findDepartmentLimits, listDepartmentLimits, removeBlackoutWeek, setMaxSharePercent } from './department-limits';
import { weekForm, weeksOfRange } from './form-fields';
import { blackoutForm, shareForm } from './limits-form';
import { actorOf } from '../audit/audit-log';
import { text } from './submitted-values';

interface LimitsPageForms {
  shareValues?: { maxSharePercent: string };
  shareErrors?: FieldErrors;
  blackoutValues?: { week: string; through: string; note: string };
  blackoutErrors?: FieldErrors;
}

const today = () => DateTime.now().toISODate();

export function limitRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function renderDepartment(res: Response, status: number, id: string, forms: LimitsPageForms = {}) {
    const department = await inTransaction(dataSource, (manager) => findDepartmentLimits(manager, id, today()));
    res.status(status).render('rotations/department-limits', {
      title: `${department.name}: limits`,
      department,
      shareValues: forms.shareValues ?? { maxSharePercent: String(department.maxSharePercent) },
      shareErrors: forms.shareErrors ?? {},
      blackoutValues: forms.blackoutValues ?? { week: '', through: '', note: '' },
      blackoutErrors: forms.blackoutErrors ?? {},
    });
  }

  router.get('/hr/limits', hrOnly, async (req, res) => {
    const departments = await inTransaction(dataSource, (manager) => listDepartmentLimits(manager, today()));
    res.render('rotations/limits', { title: 'Department limits', departments });
  });

  router.get('/hr/limits/:departmentId', hrOnly, async (req, res) => {
    await renderDepartment(res, 200, String(req.params.departmentId));
  });

  router.post('/hr/limits/:departmentId', hrOnly, async (req, res) => {
    const id = String(req.params.departmentId);
    const form = parseForm(shareForm, req.body);
    if (!form.ok) return renderDepartment(res, 422, id, { shareValues: { maxSharePercent: text(req.body?.maxSharePercent) }, shareErrors: form.errors });
    await inTransaction(dataSource, (manager) => setMaxSharePercent(manager, actorOf(req.user!), id, form.data.maxSharePercent));
    res.redirect(303, `/hr/limits/${id}`);
  });

  router.post('/hr/limits/:departmentId/blackouts', hrOnly, async (req, res) => {
    const id = String(req.params.departmentId);
    const form = parseForm(blackoutForm, req.body);
    if (!form.ok) {
      const blackoutValues = { week: text(req.body?.week), through: text(req.body?.through), note: text(req.body?.note) };
      return renderDepartment(res, 422, id, { blackoutValues, blackoutErrors: form.errors });
    }
    await inTransaction(dataSource, (manager) => addBlackoutWeeks(manager, actorOf(req.user!), id, weeksOfRange(form.data), form.data.note));
    res.redirect(303, `/hr/limits/${id}#blackouts`);
  });

  router.post('/hr/limits/:departmentId/blackouts/remove', hrOnly, async (req, res) => {
    const id = String(req.params.departmentId);
    const form = parseForm(weekForm, req.body);
    if (!form.ok) return renderDepartment(res, 422, id, { blackoutErrors: form.errors });
    await inTransaction(dataSource, (manager) => removeBlackoutWeek(manager, actorOf(req.user!), id, form.data.week));
    res.redirect(303, `/hr/limits/${id}#blackouts`);
  });

  return router;
}
