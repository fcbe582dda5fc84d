// The forms on an assignment's page and on the request pages. Each carries the version it was opened with.
import { z } from 'zod';
import { idField, isIsoWeek, isoWeekField } from '../rotations/form-fields';

export const versionField = z.coerce.number({ error: 'Reload the page: this form has lost track of what it changes' }).int().min(1);

export const reasonField = z.preprocess(
  (value) => value ?? '',
  z.string().trim().min(1, 'Give the reason').max(500, 'Keep the reason to 500 characters'),
);

/** An optional note, e.g. why a colleague declines; blank is none. */
export const noteField = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() ? value.trim() : null),
  z.string().max(500, 'Keep the note to 500 characters').nullable(),
);

export const moveForm = z.object({ version: versionField, firstWeek: isoWeekField('the first week'), deskId: idField('Choose a desk') });
export const reasonForm = z.object({ version: versionField, reason: reasonField });
export const versionForm = z.object({ version: versionField });

/** What a submitted form held, to show it again beside its messages. */
export interface SubmittedChange {
  action: string;
  firstWeek: string;
  deskId: string;
  reason: string;
}

export function submittedChange(action: string, body: unknown): SubmittedChange {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  return { action, firstWeek: text('firstWeek'), deskId: text('deskId'), reason: text('reason') };
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const choice = (message: string, pattern: RegExp) => z.preprocess((value) => value ?? '', z.string().regex(pattern, message));

/** A move request: one of the offered desks and weeks, sent as "<desk id> <week>". */
export const moveRequestForm = z.object({
  version: versionField,
  option: choice('Choose one of the weeks offered', new RegExp(`^${uuid} \\d{4}-W\\d{2}$`, 'i'))
    .refine((text) => isIsoWeek(text.split(' ')[1]), 'Choose one of the weeks offered')
    .transform((text) => ({ deskId: text.split(' ')[0], firstWeek: text.split(' ')[1] })),
  note: noteField,
});

/** A swap request: a colleague's rotation as "<assignment id> <version>". */
export const swapRequestForm = z.object({
  version: versionField,
  counterpart: choice('Choose a colleague’s rotation from the list', new RegExp(`^${uuid} \\d+$`, 'i')).transform((text) => ({
    assignmentId: text.split(' ')[0],
    version: Number(text.split(' ')[1]),
  })),
  note: noteField,
});

export const answerForm = z.object({ note: noteField });
export const hrDeclineForm = z.object({ reason: reasonField });
