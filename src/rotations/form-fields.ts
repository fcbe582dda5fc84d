// Form fields the rotation pages share: whole numbers, ISO weeks and week ranges, times of day, ticked boxes.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { weekLabel, weekNumber } from '../planner';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Text from a form; a missing field reads as empty, so it gets the field's own "Enter ..." message. */
function formText() {
  return z.preprocess((value) => value ?? '', z.string()).pipe(z.string().trim());
}

/** A whole number from min to max, e.g. wholeNumberField('the weekly capacity', 0, 100_000). */
export function wholeNumberField(label: string, min: number, max: number) {
  // "between 0 and 100000" reads as a strange rule; a wide range is described by its broken end only.
  const range = max - min <= 1000 ? `between ${min} and ${max}` : null;
  return formText()
    .pipe(z.string().min(1, `Enter ${label}`).regex(/^[-+]?\d+$/, `Enter ${label} as a whole number`))
    .transform(Number)
    .refine((number) => number >= min, `${capitalised(label)} must be ${range ?? `${min} or more`}`)
    .refine((number) => number <= max, `${capitalised(label)} must be ${range ?? `at most ${max}`}`);
}

/** The field's own rules for a filled-in value; a blank or missing field gives null. */
export function blankAsNull<Field extends z.ZodType>(field: Field) {
  return z
    .preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), field.optional())
    .transform((value): z.output<Field> | null => value ?? null);
}

export function isIsoWeek(text: string): boolean {
  // Weeks of the year 0000 read fine in luxon, but their days are no dates to PostgreSQL.
  return /^\d{4}-W\d{2}$/.test(text) && DateTime.fromISO(text).isValid && DateTime.fromISO(text).weekYear >= 1;
}

/** An ISO week such as 2027-W05. */
export function isoWeekField(label: string) {
  return formText()
    .transform((text) => text.toUpperCase())
    .pipe(z.string().min(1, `Enter ${label}`).refine(isIsoWeek, `Enter ${label} as an ISO week like 2027-W05`));
}

/** One week, or with `through` every week from `week` to `through` inclusive; check them with weekRangeCheck. */
export function weekRangeFields() {
  return {
    week: isoWeekField('the week'),
    through: blankAsNull(isoWeekField('the last week')),
  };
}

/** As long as the longest programme: a longer range is more likely a typing mistake than a plan. */
const maxWeeksInRange = 65;

/** For superRefine: the last week is not before the first, and the range is not too long. */
export function weekRangeCheck(range: { week: unknown; through: unknown }, context: z.RefinementCtx): void {
  // Runs even when a week failed its own check; such a range has nothing more to report.
  if (typeof range.week !== 'string' || typeof range.through !== 'string' || !isIsoWeek(range.week) || !isIsoWeek(range.through)) return;
  const span = weekNumber(range.through) - weekNumber(range.week) + 1;
  if (span < 1) context.addIssue({ code: 'custom', path: ['through'], message: 'The last week cannot be before the first week' });
  else if (span > maxWeeksInRange) context.addIssue({ code: 'custom', path: ['through'], message: `Give at most ${maxWeeksInRange} weeks at a time` });
}

/** A form naming one week, e.g. the week to remove from a list. */
export const weekForm = z.object({ week: isoWeekField('the week') });

export function weeksOfRange({ week, through }: { week: string; through: string | null }): string[] {
  const first = weekNumber(week);
  const last = through === null ? first : weekNumber(through);
  return Array.from({ length: last - first + 1 }, (_, index) => weekLabel(first + index));
}

/** A time of day such as 09:00 (24-hour clock), given back as HH:mm. */
export function timeOfDayField(label: string) {
  return formText()
    .pipe(z.string().min(1, `Enter ${label}`))
    .transform((text, context) => {
      const time = DateTime.fromFormat(text, 'H:mm');
      if (!time.isValid) context.addIssue({ code: 'custom', message: `Enter ${label} as a 24-hour time like 09:00` });
      return time.isValid ? time.toFormat('HH:mm') : '';
    });
}

/** The values of ticked checkboxes sharing one name: none, one or many. */
export function tickedField<T extends z.ZodType<string>>(value: T) {
  return z.preprocess((given) => (given === undefined ? [] : Array.isArray(given) ? given : [given]), z.array(value));
}

export const idField = (message: string) => z.guid({ error: message });
