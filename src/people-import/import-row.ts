// One line of an employee CSV, checked with the same field rules as the HR form.
import { z } from 'zod';
import { controlCharacterMessage, hasNoControlCharacters } from '../http/validation';
import {
  dateField,
  emailField,
  fullNameField,
  jobTitleField,
  optionalDateField,
  rolesField,
  terminationBeforeHireMessage,
  terminationNotBeforeHire,
} from '../people/employee-fields';
import type { AuditedEmployee } from '../people/employee-audit';
import type { ImportColumnKey } from './import-columns';

export interface ImportRow extends AuditedEmployee {
  /** The line of the file the row starts on; the header is line 1. */
  line: number;
}

export interface RowProblem {
  line: number;
  /** The column as the file's header names it; empty when the problem is the whole line. */
  column: string;
  message: string;
}

export type RowValues = Record<ImportColumnKey, string>;

export function importRowSchema(organisationDateFormat: string) {
  return z
    .object({
      fullName: fullNameField,
      email: emailField,
      department: z.string().trim().min(1, 'Enter a department').max(100, 'A department name is at most 100 characters'),
      site: z.string().trim().min(1, 'Enter a site').max(100, 'A site name is at most 100 characters'),
      jobTitle: jobTitleField,
      hireDate: dateField('hire date', organisationDateFormat),
      terminationDate: optionalDateField('termination date', organisationDateFormat),
      roles: rolesField,
    })
    .refine(terminationNotBeforeHire, { message: terminationBeforeHireMessage, path: ['terminationDate'] });
}

export type ImportRowSchema = ReturnType<typeof importRowSchema>;

/** The row, or the problems of each of its columns. */
export function checkImportRow(
  schema: ImportRowSchema,
  line: number,
  values: RowValues,
  columnLabels: Record<ImportColumnKey, string>,
): { row: ImportRow; problems?: undefined } | { row?: undefined; problems: RowProblem[] } {
  // As in the forms: no value needs one, and names end up in calendar files, where they are not allowed.
  const unreadable = (Object.keys(values) as ImportColumnKey[]).filter((key) => !hasNoControlCharacters(values[key]));
  if (unreadable.length) return { problems: unreadable.map((key) => ({ line, column: columnLabels[key], message: controlCharacterMessage })) };
  const result = schema.safeParse(values);
  if (result.success) return { row: { line, ...result.data } };
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const key = String(issue.path[0]) as ImportColumnKey;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ line, column: columnLabels[key], message: issue.message });
  }
  return { problems };
}
