import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { departmentHeadsForm, departmentNameForm } from './departments.schemas';
import {
  createDepartment,
  findDepartment,
  listDepartments,
  renameDepartment,
  setDepartmentArchived,
  setDepartmentHeads,
} from './departments.service';
import { idParam } from '../http/id-param';
import { asFormResult } from '../http/invalid-fields';

const bodyText = (req: Request, field: string) => String((req.body as Record<string, unknown> | undefined)?.[field] ?? '');

export function departmentRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function showList(res: Response, status: number, values = { name: '' }, errors: FieldErrors = {}) {
    const departments = await inTransaction(dataSource, listDepartments);
    res.status(status).render('people/departments', { title: 'Departments', departments, values, errors });
  }

  async function showDepartment(res: Response, id: string, status = 200, edited: { name?: string; heads?: string } = {}, errors: FieldErrors = {}) {
    const department = await inTransaction(dataSource, (manager) => findDepartment(manager, id));
    const values = { name: edited.name ?? department.name, heads: edited.heads ?? department.heads.map((head) => head.email).join('\n') };
    res.status(status).render('people/department', { title: department.name, department, values, errors });
  }

  router.get('/hr/departments', hrOnly, async (req, res) => {
    await showList(res, 200);
  });

  router.post('/hr/departments', hrOnly, async (req, res) => {
    const values = { name: bodyText(req, 'name') };
    const form = parseForm(departmentNameForm, req.body);
    if (!form.ok) return showList(res, 422, values, form.errors);
    const saved = await asFormResult(() => inTransaction(dataSource, (manager) => createDepartment(manager, actorOf(req.user!), form.data.name)));
    if (!saved.ok) return showList(res, 422, values, saved.errors);
    setFlash(req, `${form.data.name} created. Choose its heads below.`);
    res.redirect(303, `/hr/departments/${saved.data.id}`);
  });

  router.get('/hr/departments/:id', hrOnly, async (req, res) => {
    res.locals.notice = takeFlash(req);
    await showDepartment(res, idParam(req.params.id));
  });

  router.post('/hr/departments/:id/name', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const edited = { name: bodyText(req, 'name') };
    const form = parseForm(departmentNameForm, req.body);
    if (!form.ok) return showDepartment(res, id, 422, edited, form.errors);
    const saved = await asFormResult(() => inTransaction(dataSource, (manager) => renameDepartment(manager, actorOf(req.user!), id, form.data.name)));
    if (!saved.ok) return showDepartment(res, id, 422, edited, saved.errors);
    setFlash(req, 'Department renamed.');
    res.redirect(303, `/hr/departments/${id}`);
  });

  router.post('/hr/departments/:id/heads', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const edited = { heads: bodyText(req, 'heads') };
    const form = parseForm(departmentHeadsForm, req.body);
    if (!form.ok) return showDepartment(res, id, 422, edited, form.errors);
    const saved = await asFormResult(() => inTransaction(dataSource, (manager) => setDepartmentHeads(manager, actorOf(req.user!), id, form.data.heads)));
    if (!saved.ok) return showDepartment(res, id, 422, edited, saved.errors);
    setFlash(req, 'Heads saved.');
    res.redirect(303, `/hr/departments/${id}`);
  });

  for (const [path, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    router.post(`/hr/departments/:id/${path}`, hrOnly, async (req, res) => {
      const id = idParam(req.params.id);
      await inTransaction(dataSource, (manager) => setDepartmentArchived(manager, actorOf(req.user!), id, archived));
      setFlash(req, archived ? 'Department archived.' : 'Department open again.');
      res.redirect(303, `/hr/departments/${id}`);
    });
  }

  return router;
}
