// HR's view of one rotation's shifts, and corrections to any shift (audited).
import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { versionField } from '../schedule/assignment-forms';
import { rotationProgress } from './progress';
import { loadRotation } from './rotation';
import { shiftForm, shiftFormValues, type ShiftFormValues } from './shift-form';
import { asFormErrors, renderShiftForm } from './shift-form-page';
import { percentOf, rotationTitle, savedShiftValues, shiftRow } from './shift-pages';
import { correctShift, findShift, programmeStages, removeShift } from './shifts.service';

const rotationUrl = (assignmentId: string) => `/hr/shifts?assignment=${assignmentId}`;

export function hrShiftRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/hr/shifts', hrOnly, async (req, res) => {
    const progress = await inTransaction(dataSource, (manager) => rotationProgress(manager, idParam(req.query.assignment), DateTime.now()));
    const { rotation } = progress;
    res.render('shifts/rotation-shifts', {
      title: `${rotation.employeeName}: ${rotationTitle(rotation)}`,
      progress,
      percent: percentOf(progress),
      timeZone: rotation.desk.timeZone,
      shifts: progress.shifts.map((shift) => shiftRow(shift, rotation.desk.timeZone)),
      notice: takeFlash(req),
    });
  });

  async function showForm(req: Request, res: Response, shiftId: string, status: number, values?: ShiftFormValues, errors: FieldErrors = {}) {
    const { shift, rotation } = await inTransaction(dataSource, async (manager) => {
      const shift = await findShift(manager, shiftId);
      return { shift, rotation: await loadRotation(manager, shift.assignmentId) };
    });
    renderShiftForm(res, status, {
      title: `Correct ${rotation.employeeName}’s shift`,
      rotation,
      action: `/hr/shifts/${shiftId}`,
      version: shift.version,
      deleteAction: `/hr/shifts/${shiftId}/delete`,
      values: values ?? savedShiftValues(shift, rotation.desk.timeZone),
      errors,
      stages: programmeStages(rotation),
      backUrl: rotationUrl(rotation.id),
    });
  }

  router.get('/hr/shifts/:shiftId', hrOnly, (req, res) => showForm(req, res, idParam(req.params.shiftId), 200));

  router.post('/hr/shifts/:shiftId', hrOnly, async (req, res) => {
    const shiftId = idParam(req.params.shiftId);
    const form = parseForm(shiftForm.extend({ version: versionField }), req.body);
    const errors = form.ok
      ? await asFormErrors(() => inTransaction(dataSource, (manager) => correctShift(manager, actorOf(req.user!), shiftId, form.data.version, form.data, DateTime.now())))
      : form.errors;
    if (errors) return showForm(req, res, shiftId, 422, shiftFormValues(req.body), errors);
    const { assignmentId } = await findShift(dataSource.manager, shiftId);
    setFlash(req, 'Shift corrected.');
    res.redirect(303, rotationUrl(assignmentId));
  });

  router.post('/hr/shifts/:shiftId/delete', hrOnly, async (req, res) => {
    const assignmentId = await inTransaction(dataSource, (manager) => removeShift(manager, actorOf(req.user!), idParam(req.params.shiftId)));
    setFlash(req, 'Shift deleted.');
    res.redirect(303, rotationUrl(assignmentId));
  });

  return router;
}
