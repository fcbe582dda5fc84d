// The shift form: a date and times at the desk, the channel, contacts, stage and notes; and the shorter forms
// behind "Start shift" and "End shift".
import { z } from 'zod';
import { dateField } from '../people/employee-fields';
import { channels, stages, type Channel, type Stage } from './shift';

const timeField = (label: string) =>
  z
    .string({ error: `Enter the ${label} as hours and minutes, e.g. 09:00` })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, `Enter the ${label} as hours and minutes, e.g. 09:00`)
    .transform((time) => time.slice(0, 5));

const contactsField = z
  .string({ error: 'Enter the number of contacts handled, a whole number from 0 to 500' })
  .trim()
  .regex(/^\d+$/, 'Enter the number of contacts handled, a whole number from 0 to 500')
  .transform(Number)
  .refine((contacts) => contacts <= 500, 'At most 500 contacts fit in one shift: enter a number from 0 to 500');

const notesField = z
  .string()
  .trim()
  .max(2000, 'Notes are at most 2,000 characters')
  .optional()
  .transform((notes) => notes || null);

const ticked = z.literal('yes').optional().catch(undefined).transform((value) => value === 'yes');

const channelField = z.enum(channels, { error: 'Choose the channel you worked' });
const stageField = z.enum(stages, { error: 'Choose the stage of the shift' });

export interface ShiftFormData {
  date: string;
  startTime: string;
  endTime: string;
  channel: Channel;
  contacts: number;
  stage: Stage;
  notes: string | null;
  absenceConfirmed: boolean;
}

export const shiftForm = z.object({
  date: dateField('date of the shift'),
  startTime: timeField('start time'),
  endTime: timeField('end time'),
  channel: channelField,
  contacts: contactsField,
  stage: stageField,
  notes: notesField,
  absenceConfirmed: ticked,
}) satisfies z.ZodType<ShiftFormData>;

export const startShiftForm = z.object({ channel: channelField, stage: stageField, absenceConfirmed: ticked });

export const endShiftForm = z.object({ contacts: contactsField, notes: notesField });

const formKeys = ['date', 'startTime', 'endTime', 'channel', 'contacts', 'stage', 'notes', 'absenceConfirmed'] as const;
export type ShiftFormValues = Record<(typeof formKeys)[number], string>;

/** The form's values as typed, to show the form again. */
export function shiftFormValues(body: unknown): ShiftFormValues {
  const submitted = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(formKeys.map((key) => [key, typeof submitted[key] === 'string' ? submitted[key] : ''])) as ShiftFormValues;
}
