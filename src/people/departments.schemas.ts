import { z } from 'zod';
import { emailField } from './employee-fields';

export const departmentNameForm = z.object({
  name: z.string().trim().min(1, 'Enter a department name').max(100, 'A department name is at most 100 characters'),
});

export const departmentHeadsForm = z.object({
  heads: z
    .string()
    // Room for dozens of heads; longer is a paste gone wrong, which the message below would repeat whole.
    .max(2_000, 'List the heads’ emails in at most 2,000 characters')
    .optional()
    .transform((text, context) => {
      const given = (text ?? '').split(/[\s,;]+/).filter(Boolean);
      const invalid = given.filter((email) => !emailField.safeParse(email).success);
      if (invalid.length) context.addIssue({ code: 'custom', message: `Not a work email: ${invalid.join(', ')}` });
      return [...new Set(given.map((email) => email.toLowerCase()))];
    }),
});
