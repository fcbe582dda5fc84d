// The rules for choosing a password, shared by the set-password link and the change-password page.
import { z } from 'zod';
import { guessablePasswordProblem } from './guessable-passwords';
import { minimumPasswordLength } from './passwords';

const newPasswordFields = {
  newPassword: z
    .string({ error: 'Choose a new password' })
    .min(minimumPasswordLength, `Choose a password of at least ${minimumPasswordLength} characters`)
    .max(1024, 'A password is at most 1024 characters')
    .superRefine((password, context) => {
      const problem = guessablePasswordProblem(password);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  confirmPassword: z.string({ error: 'Type the new password again' }),
};

const confirmed = (form: { newPassword: string; confirmPassword: string }) => form.newPassword === form.confirmPassword;
const notConfirmed = { message: 'The two new passwords are not the same', path: ['confirmPassword'] };

export const setPasswordForm = z.object(newPasswordFields).refine(confirmed, notConfirmed);

export const changePasswordForm = z
  .object({ currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1024), ...newPasswordFields })
  .refine(confirmed, notConfirmed)
  .refine((form) => form.newPassword !== form.currentPassword, {
    message: 'The new password must differ from the current one',
    path: ['newPassword'],
  });
