import { z } from 'zod';
import { weekRangeCheck, weekRangeFields, wholeNumberField } from './form-fields';

export const shareForm = z.object({ maxSharePercent: wholeNumberField('the percentage', 0, 100) });

export const blackoutForm = z
  .object({
    ...weekRangeFields(),
    note: z
      .string()
      .trim()
      .max(200, 'A note is at most 200 characters')
      .optional()
      .transform((note) => note || null),
  })
  .superRefine(weekRangeCheck);
