// A rule the database or a service checks that belongs next to one form field (a name already taken, an unknown
// email), so the handler can show the form again with the message where the person typed the value.
import { QueryFailedError } from 'typeorm';
import { RuleViolation } from '../http/errors';
import type { FormResult } from '../http/validation';

export class InvalidField extends RuleViolation {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs `work` and turns a unique violation of one of the named indexes into an InvalidField. Catching the
 * violation, rather than checking first, also covers two people saving the same value at the same moment.
 */
export async function withUniqueFields<T>(work: () => Promise<T>, fieldsByIndex: Record<string, InvalidField>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QueryFailedError) {
      const { code, constraint } = error.driverError as { code?: string; constraint?: string };
      if (code === '23505' && constraint && fieldsByIndex[constraint]) throw fieldsByIndex[constraint];
    }
    throw error;
  }
}

/** Runs a change; an InvalidField it throws comes back as errors for the form shown again. */
export async function asFormResult<T>(work: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof InvalidField) return { ok: false, errors: { [error.field]: error.message } };
    throw error;
  }
}
