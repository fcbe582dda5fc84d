import { z } from 'zod';
import { dateField } from '../people/employee-fields';
import { absenceTypes, type AbsenceFields } from './absence';

export const absenceForm = z
  .object({
    type: z.enum(absenceTypes, { error: 'Choose the type of absence' }),
    startsOn: dateField('first day'),
    endsOn: dateField('last day'),
    note: z
      .string()
      .trim()
      .max(500, 'A note is at most 500 characters')
      .optional()
      .transform((note) => note || null),
  })
  .refine((form) => !form.startsOn || !form.endsOn || form.endsOn >= form.startsOn, {
    message: 'The last day cannot be before the first day',
    path: ['endsOn'],
  }) satisfies z.ZodType<AbsenceFields>;

/** The form's values as typed, to show the form again. */
export function absenceFormValues(body: unknown): Record<keyof AbsenceFields, string> {
  const submitted = (body ?? {}) as Record<string, unknown>;
  const text = (key: keyof AbsenceFields) => (typeof submitted[key] === 'string' ? (submitted[key] as string) : '');
  return { type: text('type'), startsOn: text('startsOn'), endsOn: text('endsOn'), note: text('note') };
}
