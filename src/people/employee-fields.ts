// The rules for an employee's fields, shared by the HR form and the CSV import so both accept the same values.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { roles, type Role } from './roles';

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter a work email')
  .max(254, 'An email is at most 254 characters')
  .pipe(z.email({ error: 'Enter an email like name@example.com' }))
  .transform((email) => email.toLowerCase());

export const fullNameField = z.string().trim().min(1, 'Enter a full name').max(200, 'A name is at most 200 characters');

export const jobTitleField = z.string().trim().min(1, 'Enter a job title').max(200, 'A job title is at most 200 characters');

/** A calendar date as ISO (2026-03-01) or, when given, the organisation's format (e.g. 01/03/2026); gives ISO. */
export function parseCalendarDate(text: string, organisationFormat?: string): string | null {
  const trimmed = text.trim();
  // Luxon reads the year 0000, which PostgreSQL's dates do not have.
  const storable = (date: DateTime) => date.isValid && date.year >= 1;
  const iso = DateTime.fromFormat(trimmed, 'yyyy-MM-dd');
  if (storable(iso)) return iso.toISODate();
  if (organisationFormat) {
    const local = DateTime.fromFormat(trimmed, organisationFormat);
    if (storable(local)) return local.toISODate();
  }
  return null;
}

export function dateField(label: string, organisationFormat?: string) {
  const expected = organisationFormat ? `YYYY-MM-DD or ${organisationFormat.replace(/y+/g, 'YYYY').replace(/M+/g, 'MM').replace(/d+/g, 'DD')}` : 'YYYY-MM-DD';
  return z
    .string()
    .trim()
    .min(1, `Enter the ${label}`)
    .transform((text, context) => {
      const date = parseCalendarDate(text, organisationFormat);
      if (!date) context.addIssue({ code: 'custom', message: `Enter the ${label} as a date (${expected})` });
      return date ?? '';
    });
}

/** Blank means no date; anything else must be a date, with the same message as a required one. */
export function optionalDateField(label: string, organisationFormat?: string) {
  return z
    .preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), dateField(label, organisationFormat).optional())
    .transform((date) => date ?? null);
}

/** Roles always include employee: everyone is an employee. */
export const rolesField = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((value, context): Role[] => {
    const given = (Array.isArray(value) ? value : (value ?? '').split(/[;, ]+/)).map((role) => role.trim().toLowerCase()).filter(Boolean);
    const unknown = given.filter((role) => !roles.includes(role as Role));
    if (unknown.length) context.addIssue({ code: 'custom', message: `Unknown role ${unknown.join(', ')}: use hr, head or employee` });
    return roles.filter((role) => role === 'employee' || given.includes(role));
  });

export function terminationNotBeforeHire(fields: { hireDate: string; terminationDate: string | null }): boolean {
  return !fields.terminationDate || !fields.hireDate || fields.terminationDate >= fields.hireDate;
}
export const terminationBeforeHireMessage = 'The termination date cannot be before the hire date';
