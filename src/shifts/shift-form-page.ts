// The shift form for a person's own shift and for HR's correction alike, and the errors it shows again.
import type { Response } from 'express';
import { dateRange } from '../calendars/date-range';
import { RuleViolation } from '../http/errors';
import type { FieldErrors } from '../http/validation';
import type { Rotation } from './rotation';
import type { Stage } from './shift';
import type { ShiftFormValues } from './shift-form';
import { channelOptions, rotationTitle, stageOptions } from './shift-pages';
import { InvalidShift } from './shift-rules';

export interface ShiftFormPage {
  title: string;
  rotation: Rotation;
  action: string;
  values: ShiftFormValues;
  errors: FieldErrors;
  stages: Stage[];
  backUrl: string;
  /** For a new shift: the rotation it is logged on. */
  assignmentId?: string;
  /** For a saved shift: the version the form was opened with, and where to delete it. */
  version?: number;
  deleteAction?: string;
}

export function renderShiftForm(res: Response, status: number, { rotation, stages, ...page }: ShiftFormPage): void {
  res.status(status).render('shifts/form', {
    ...page,
    rotationTitle: rotationTitle(rotation),
    rotationDates: dateRange(rotation.startsOn, rotation.endsOn),
    timeZone: rotation.desk.timeZone,
    channelOptions,
    stageOptions: stageOptions(stages),
    // The question appears once the rules found the day to be an absence, and stays while the box is ticked.
    askAbsence: Boolean(page.errors.absenceConfirmed) || page.values.absenceConfirmed === 'yes',
  });
}

/** Runs a change; the rules it breaks come back as form errors (nothing was saved). */
export async function asFormErrors(work: () => Promise<unknown>): Promise<FieldErrors | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof InvalidShift) return error.errors;
    if (error instanceof RuleViolation) return { form: error.message };
    throw error;
  }
}
