// The same absence pages twice: at /me/absences for one's own, and under /hr/employees/:employeeId for HR.
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { hrOnly, signedIn, type AccessGuard } from '../http/access';
import { NotFound } from '../http/errors';
import { setFlash, takeFlash } from '../http/flash';
import { idParam } from '../http/id-param';
import { parseForm, type FieldErrors } from '../http/validation';
import { InvalidField } from '../http/invalid-fields';
import { absenceTypeNames, absenceTypes, type AbsenceOwner } from './absence';
import { absenceForm, absenceFormValues } from './absence-form';
import {
  createAbsence,
  deleteAbsence,
  findAbsence,
  findAbsenceOwner,
  listAbsences,
  updateAbsence,
  type AbsenceEditor,
} from './absences.service';

interface AbsenceScope {
  base: string;
  rule: AccessGuard;
  /** Whose absences an address under `base` is about. */
  employeeIdOf(req: Request): string;
  listUrl(employeeId: string): string;
}

const typeOptions = absenceTypes.map((value) => ({ value, name: absenceTypeNames[value] }));

const editorOf = (req: Request): AbsenceEditor => req.user!;

interface FormPage {
  owner: AbsenceOwner;
  listUrl: string;
  action: string;
  values: Record<string, string>;
  errors: FieldErrors;
  /** Set when changing an existing absence. */
  deleteAction?: string;
}

function renderForm(req: Request, res: Response, status: number, page: FormPage): void {
  const own = page.owner.id === req.user!.id;
  const verb = page.deleteAction ? 'Change' : 'Record';
  const title = own ? `${verb} an absence` : `${verb} an absence for ${page.owner.fullName}`;
  res.status(status).render('absences/form', { title, typeOptions, ...page });
}

function mountAbsencePages(router: Router, dataSource: DataSource, scope: AbsenceScope): void {
  const { base, rule } = scope;

  router.get(base, rule, async (req, res) => {
    const employeeId = scope.employeeIdOf(req);
    const owner = await findAbsenceOwner(dataSource.manager, editorOf(req), employeeId);
    const absences = await listAbsences(dataSource.manager, employeeId);
    const own = owner.id === req.user!.id;
    res.render('absences/index', {
      title: own ? 'My absences' : `Absences of ${owner.fullName}`,
      owner,
      own,
      absences,
      absencesUrl: scope.listUrl(employeeId),
      notice: takeFlash(req),
    });
  });

  router.get(`${base}/new`, rule, async (req, res) => {
    const employeeId = scope.employeeIdOf(req);
    const owner = await findAbsenceOwner(dataSource.manager, editorOf(req), employeeId);
    const listUrl = scope.listUrl(employeeId);
    renderForm(req, res, 200, { owner, listUrl, action: listUrl, values: absenceFormValues({ type: 'vacation' }), errors: {} });
  });

  router.post(base, rule, async (req, res) => {
    const employeeId = scope.employeeIdOf(req);
    const listUrl = scope.listUrl(employeeId);
    const showAgain = async (errors: FieldErrors) => {
      const owner = await findAbsenceOwner(dataSource.manager, editorOf(req), employeeId);
      renderForm(req, res, 422, { owner, listUrl, action: listUrl, values: absenceFormValues(req.body), errors });
    };
    const form = parseForm(absenceForm, req.body);
    if (!form.ok) return showAgain(form.errors);
    try {
      await inTransaction(dataSource, (manager) => createAbsence(manager, editorOf(req), employeeId, form.data));
    } catch (error) {
      if (error instanceof InvalidField) return showAgain({ [error.field]: error.message });
      throw error;
    }
    setFlash(req, 'Absence recorded.');
    res.redirect(303, listUrl);
  });

  /** The absence in the address, if the editor may change it and it belongs to the person the address is about. */
  const absenceAt = async (req: Request) => {
    const found = await findAbsence(dataSource.manager, editorOf(req), idParam(req.params.absenceId));
    if (found.owner.id !== scope.employeeIdOf(req)) throw new NotFound();
    return found;
  };
  const editPage = (absenceId: string, owner: AbsenceOwner, values: Record<string, string>, errors: FieldErrors): FormPage => {
    const listUrl = scope.listUrl(owner.id);
    return { owner, listUrl, action: `${listUrl}/${absenceId}`, deleteAction: `${listUrl}/${absenceId}/delete`, values, errors };
  };

  router.get(`${base}/:absenceId/edit`, rule, async (req, res) => {
    const { absence, owner } = await absenceAt(req);
    renderForm(req, res, 200, editPage(absence.id, owner, absenceFormValues({ ...absence, note: absence.note ?? '' }), {}));
  });

  router.post(`${base}/:absenceId`, rule, async (req, res) => {
    const { absence, owner } = await absenceAt(req);
    const showAgain = (errors: FieldErrors) => renderForm(req, res, 422, editPage(absence.id, owner, absenceFormValues(req.body), errors));
    const form = parseForm(absenceForm, req.body);
    if (!form.ok) return showAgain(form.errors);
    try {
      await inTransaction(dataSource, (manager) => updateAbsence(manager, editorOf(req), absence.id, form.data));
    } catch (error) {
      if (error instanceof InvalidField) return showAgain({ [error.field]: error.message });
      throw error;
    }
    setFlash(req, 'Absence changed.');
    res.redirect(303, scope.listUrl(owner.id));
  });

  router.post(`${base}/:absenceId/delete`, rule, async (req, res) => {
    const { absence, owner } = await absenceAt(req);
    await inTransaction(dataSource, (manager) => deleteAbsence(manager, editorOf(req), absence.id));
    setFlash(req, 'Absence deleted.');
    res.redirect(303, scope.listUrl(owner.id));
  });
}

export function absenceRoutes(dataSource: DataSource): Router {
  const router = Router();
  mountAbsencePages(router, dataSource, {
    base: '/me/absences',
    rule: signedIn,
    employeeIdOf: (req) => req.user!.id,
    listUrl: () => '/me/absences',
  });
  mountAbsencePages(router, dataSource, {
    base: '/hr/employees/:employeeId/absences',
    rule: hrOnly,
    employeeIdOf: (req) => idParam(req.params.employeeId),
    listUrl: (employeeId) => `/hr/employees/${employeeId}/absences`,
  });
  return router;
}
