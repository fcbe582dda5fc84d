// Rules a service or the database checks that belong next to form fields (a name already taken, an unknown
// email), so the handler can show the form again with each message where the person typed the value.
import { QueryFailedError } from 'typeorm';
import { Conflict, RuleViolation } from './errors';
import type { FieldErrors, FormResult } from './validation';

/** Several fields refused at once; the transaction that threw it rolls back. */
export class InvalidFields extends RuleViolation {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
  }
}

export class InvalidField extends InvalidFields {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super({ [field]: message });
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

/** Runs a change; refused fields come back as errors for the form shown again. */
export async function asFormResult<T>(work: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof InvalidFields) return { ok: false, errors: error.errors };
    throw error;
  }
}

export type ChangeOutcome<T> = { ok: true; data: T } | { ok: false; status: 409 | 422; errors: FieldErrors };

/** Like asFormResult, and a stale form (Conflict) becomes a 409 with a message for the whole form. */
export async function asChangeOutcome<T>(work: () => Promise<T>): Promise<ChangeOutcome<T>> {
  try {
    const result = await asFormResult(work);
    return result.ok ? result : { ...result, status: 422 };
  } catch (error) {
    if (error instanceof Conflict) return { ok: false, status: 409, errors: { form: error.message } };
    throw error;
  }
}
