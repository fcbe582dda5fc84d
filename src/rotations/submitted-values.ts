// A submitted form's fields as the text to show again when the form comes back with errors.

/** Anything but a string (missing, or a field sent twice) shows as empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The values of ticked checkboxes sharing one name. */
export function ticked(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}
