import { z } from 'zod';
import { emailField } from '../people/employee-fields';

export const exemptionForm = z.object({
  email: emailField,
  reason: z.string({ error: 'Give the reason for the exemption' }).trim().min(1, 'Give the reason for the exemption').max(500, 'A reason is at most 500 characters'),
});
