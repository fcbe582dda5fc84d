import { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

// Characters nobody types: PostgreSQL refuses NUL in text outright, and calendar files, where names end up, allow
// none of the other C0 controls but tab and line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasNoControlCharacters(text: string): boolean {
  return !controlCharacter.test(text);
}

/**
 * A free-text value in an address (a search, a filter): trimmed, blank or malformed read as absent, so that a
 * hand-edited address is never a 500.
 */
export const optionalQueryText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(hasNoControlCharacters)
    .transform((text) => text || undefined)
    .optional()
    .catch(undefined);

export const controlCharacterMessage = 'Remove the invisible control character from this field';

/** The fields (as form paths, e.g. stages.0.name) holding a control character. */
function fieldsWithControlCharacters(input: unknown, path: string[] = []): string[] {
  if (typeof input === 'string') return hasNoControlCharacters(input) ? [] : [path.join('.') || 'form'];
  // A field sent several times is still one field on the form.
  if (Array.isArray(input)) return input.flatMap((item) => fieldsWithControlCharacters(item, path));
  if (input && typeof input === 'object') return Object.entries(input).flatMap(([name, value]) => fieldsWithControlCharacters(value, [...path, name]));
  return [];
}

/** Parses a submitted form; on failure gives one plain message per field, for the form shown again. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const unreadable = fieldsWithControlCharacters(input);
  if (unreadable.length) return { ok: false, errors: Object.fromEntries(unreadable.map((field) => [field, controlCharacterMessage])) };
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join('.') : 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
