// Lets a service refuse a form for reasons only the database knows (a name already taken, an unknown email),
// so that the handler shows the form again with the message beside the field instead of an error page.
import { RuleViolation } from '../http/errors';
import type { FieldErrors, FormResult } from '../http/validation';

export class FormRejected extends RuleViolation {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
  }
}

/** The work's result, or the field errors a FormRejected carried (its transaction has been rolled back). */
export async function unlessRejected<T>(work: Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, data: await work };
  } catch (error) {
    if (error instanceof FormRejected) return { ok: false, errors: error.errors };
    throw error;
  }
}
