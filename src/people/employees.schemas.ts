import { z } from 'zod';
import {
  dateField,
  emailField,
  fullNameField,
  jobTitleField,
  optionalDateField,
  rolesField,
  terminationBeforeHireMessage,
  terminationNotBeforeHire,
} from './employee-fields';

const version = z.coerce.number({ error: 'This form is out of date: open it again' }).int().min(1);
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on');

const employeeFields = z.object({
  fullName: fullNameField,
  email: emailField,
  departmentId: z.guid({ error: 'Choose a department' }),
  siteId: z.guid({ error: 'Choose a site' }),
  jobTitle: jobTitleField,
  hireDate: dateField('hire date'),
  terminationDate: optionalDateField('termination date'),
  roles: rolesField,
});

const terminationAfterHire = { message: terminationBeforeHireMessage, path: ['terminationDate'] };

export const newEmployeeForm = employeeFields.extend({ sendInvitation: checkbox }).refine(terminationNotBeforeHire, terminationAfterHire);

export const employeeEditForm = employeeFields.extend({ version }).refine(terminationNotBeforeHire, terminationAfterHire);

export const deactivationForm = z.object({ terminationDate: dateField('last working day'), version });

export const reactivationForm = z.object({ version });
