// An employee's own shifts: /me/shifts lists them per rotation with "Start shift" and "End shift"; the forms log,
// change and delete them.
import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { signedIn } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { versionField } from '../schedule/assignment-forms';
import { endShiftForm, shiftForm, shiftFormValues, startShiftForm } from './shift-form';
import { asFormErrors, renderShiftForm } from './shift-form-page';
import { channelOptions, loadMyShifts, newShiftValues, savedShiftValues } from './shift-pages';
import {
  deleteOwnShift,
  discardOpenShift,
  endShift,
  logShift,
  ownOpenRotation,
  ownShift,
  reachedStages,
  startShift,
  updateOwnShift,
} from './shifts.service';

const listUrl = '/me/shifts';

export function myShiftRoutes(dataSource: DataSource): Router {
  const router = Router();
  const userId = (req: Request) => req.user!.id;

  async function showList(req: Request, res: Response, status = 200, errors: FieldErrors = {}) {
    const page = await inTransaction(dataSource, (manager) => loadMyShifts(manager, userId(req), DateTime.now()));
    res.status(status).render('shifts/my-shifts', { title: 'My shifts', ...page, channelOptions, errors, notice: takeFlash(req) });
  }

  async function showNewForm(req: Request, res: Response, assignmentId: string, status: number, values?: ReturnType<typeof shiftFormValues>, errors: FieldErrors = {}) {
    const now = DateTime.now();
    const { rotation, stages } = await inTransaction(dataSource, async (manager) => {
      const rotation = await ownOpenRotation(manager, userId(req), assignmentId);
      return { rotation, stages: await reachedStages(manager, rotation, now) };
    });
    renderShiftForm(res, status, {
      title: 'Log a shift',
      rotation,
      action: listUrl,
      assignmentId,
      values: values ?? newShiftValues(rotation, stages[stages.length - 1], now),
      errors,
      stages,
      backUrl: listUrl,
    });
  }

  async function showEditForm(req: Request, res: Response, shiftId: string, status: number, values?: ReturnType<typeof shiftFormValues>, errors: FieldErrors = {}) {
    const { shift, rotation, stages } = await inTransaction(dataSource, async (manager) => {
      const { shift, rotation } = await ownShift(manager, userId(req), shiftId);
      return { shift, rotation, stages: await reachedStages(manager, rotation, DateTime.now(), shiftId) };
    });
    renderShiftForm(res, status, {
      title: 'Change a shift',
      rotation,
      action: `${listUrl}/${shiftId}`,
      version: shift.version,
      deleteAction: `${listUrl}/${shiftId}/delete`,
      values: values ?? savedShiftValues(shift, rotation.desk.timeZone),
      errors,
      stages,
      backUrl: listUrl,
    });
  }

  router.get(listUrl, signedIn, (req, res) => showList(req, res));

  router.get(`${listUrl}/new`, signedIn, (req, res) => showNewForm(req, res, idParam(req.query.assignment), 200));

  router.post(listUrl, signedIn, async (req, res) => {
    const assignmentId = idParam(req.body?.assignmentId);
    const form = parseForm(shiftForm, req.body);
    const errors = form.ok
      ? await asFormErrors(() => inTransaction(dataSource, (manager) => logShift(manager, userId(req), assignmentId, form.data, DateTime.now())))
      : form.errors;
    if (errors) return showNewForm(req, res, assignmentId, 422, shiftFormValues(req.body), errors);
    setFlash(req, 'Shift logged.');
    res.redirect(303, listUrl);
  });

  router.post(`${listUrl}/start`, signedIn, async (req, res) => {
    const assignmentId = idParam(req.body?.assignmentId);
    const form = parseForm(startShiftForm, req.body);
    const errors = form.ok
      ? await asFormErrors(() => inTransaction(dataSource, (manager) => startShift(manager, userId(req), assignmentId, form.data, DateTime.now())))
      : form.errors;
    if (errors) return showList(req, res, 422, errors);
    setFlash(req, 'Shift started. End it here when you finish.');
    res.redirect(303, listUrl);
  });

  router.post(`${listUrl}/end`, signedIn, async (req, res) => {
    const form = parseForm(endShiftForm, req.body);
    const errors = form.ok
      ? await asFormErrors(() => inTransaction(dataSource, (manager) => endShift(manager, userId(req), form.data, DateTime.now())))
      : form.errors;
    if (errors) return showList(req, res, 422, errors);
    setFlash(req, 'Shift ended and logged.');
    res.redirect(303, listUrl);
  });

  router.post(`${listUrl}/discard`, signedIn, async (req, res) => {
    await inTransaction(dataSource, (manager) => discardOpenShift(manager, userId(req)));
    setFlash(req, 'The shift under way was discarded; log it with its times if you worked it.');
    res.redirect(303, listUrl);
  });

  router.get(`${listUrl}/:shiftId/edit`, signedIn, (req, res) => showEditForm(req, res, idParam(req.params.shiftId), 200));

  router.post(`${listUrl}/:shiftId`, signedIn, async (req, res) => {
    const shiftId = idParam(req.params.shiftId);
    const form = parseForm(shiftForm.extend({ version: versionField }), req.body);
    const errors = form.ok
      ? await asFormErrors(() =>
          inTransaction(dataSource, (manager) => updateOwnShift(manager, userId(req), shiftId, form.data.version, form.data, DateTime.now())),
        )
      : form.errors;
    if (errors) return showEditForm(req, res, shiftId, 422, shiftFormValues(req.body), errors);
    setFlash(req, 'Shift changed.');
    res.redirect(303, listUrl);
  });

  router.post(`${listUrl}/:shiftId/delete`, signedIn, async (req, res) => {
    await inTransaction(dataSource, (manager) => deleteOwnShift(manager, userId(req), idParam(req.params.shiftId)));
    setFlash(req, 'Shift deleted.');
    res.redirect(303, listUrl);
  });

  return router;
}
