// The insight form: what the customer said and where it should go. Its submit buttons also ask for the
// routing rules' departments and for similar insights, re-showing the form without saving.
import { z } from 'zod';
import { optionalIdField } from './insight-lists.schemas';
import { numberText } from '../http/number-text';
import { severities, situationMaxLength, summaryMaxLength, verbatimMaxLength, type Severity } from './insight';

export const contactsField = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((contacts) => contacts >= 1 && contacts <= 500, message);

const maxTags = 10;
const maxTagLength = 40;

const tagsField = z
  .string()
  // Room for every tag at its longest; anything longer is not tags, and the messages below would repeat it whole.
  .max(maxTags * (maxTagLength + 2), `Give at most ${maxTags} tags of at most ${maxTagLength} characters`)
  .optional()
  .transform((text, context) => {
    const tags = [...new Set((text ?? '').split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
    if (tags.length > maxTags) context.addIssue({ code: 'custom', message: `Give at most ${maxTags} tags` });
    const long = tags.filter((tag) => tag.length > maxTagLength);
    if (long.length) context.addIssue({ code: 'custom', message: `A tag is at most ${maxTagLength} characters: shorten ${long.join(', ')}` });
    return tags;
  });

const ticked = z.literal('yes').optional().catch(undefined).transform((value) => value === 'yes');

const departmentIdsField = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : [value].flat()),
  z.array(z.guid({ error: 'Choose among the departments offered' })).min(1, 'Choose at least one department it should reach'),
);

export interface InsightFormData {
  summary: string;
  verbatim: string;
  situation: string | null;
  categoryId: string;
  productAreaId: string | null;
  severity: Severity;
  shiftId: string;
  contactsRaised: number;
  tags: string[];
  departmentIds: string[];
  sensitive: boolean;
}

export const insightForm = z.object({
  summary: z
    .string({ error: 'Enter a one-line summary' })
    .trim()
    .min(1, 'Enter a one-line summary')
    .max(summaryMaxLength, `The summary is at most ${summaryMaxLength} characters: shorten it, and put the detail in what the customer said`),
  verbatim: z
    .string({ error: 'Enter what the customer said' })
    .trim()
    .min(1, 'Enter what the customer said')
    .max(verbatimMaxLength, `What the customer said is at most ${numberText(verbatimMaxLength)} characters`),
  situation: z
    .string()
    .trim()
    .max(situationMaxLength, `The customer’s situation is at most ${numberText(situationMaxLength)} characters`)
    .optional()
    .transform((text) => text || null),
  categoryId: z.guid({ error: 'Choose a category' }),
  productAreaId: optionalIdField('Choose one of the product areas offered'),
  severity: z.enum(severities, { error: 'Choose how much it hurt the customer' }),
  shiftId: z.guid({ error: 'Choose the shift in which you heard this' }),
  contactsRaised: contactsField('Enter how many contacts in that shift raised it, a whole number from 1'),
  tags: tagsField,
  departmentIds: departmentIdsField,
  sensitive: ticked,
}) satisfies z.ZodType<InsightFormData>;

export const formIntents = ['save', 'suggest-departments', 'check-similar'] as const;
export type FormIntent = (typeof formIntents)[number];

/** Which submit button was pressed; a submission naming none saves. */
export function formIntent(body: unknown): FormIntent {
  const intent = (body as Record<string, unknown> | undefined)?.intent;
  return formIntents.find((known) => known === intent) ?? 'save';
}

const textKeys = ['summary', 'verbatim', 'situation', 'categoryId', 'productAreaId', 'severity', 'shiftId', 'contactsRaised', 'tags', 'sensitive'] as const;
export type InsightFormValues = Record<(typeof textKeys)[number], string> & { departmentIds: string[] };

/** The form's values as typed, to show the form again. */
export function insightFormValues(body: unknown): InsightFormValues {
  const submitted = (body ?? {}) as Record<string, unknown>;
  const text = Object.fromEntries(textKeys.map((key) => [key, typeof submitted[key] === 'string' ? submitted[key] : '']));
  const departmentIds = [submitted.departmentIds ?? []].flat().filter((id): id is string => typeof id === 'string');
  return { ...(text as Record<(typeof textKeys)[number], string>), departmentIds };
}

export const echoForm = z.object({
  shiftId: z.guid({ error: 'Choose the shift in which you heard this' }),
  contacts: contactsField('Enter how many contacts in that shift raised it, a whole number from 1'),
});
export type EchoFormData = z.output<typeof echoForm>;
