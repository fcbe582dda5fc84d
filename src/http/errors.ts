// Errors that services and handlers throw; the error handler turns each into its status and page.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFound extends HttpError {
  constructor(message = 'There is nothing at this address.') {
    super(404, 'Not found', message);
  }
}

export class Forbidden extends HttpError {
  constructor(message = 'Your roles do not give access to this page.') {
    super(403, 'Not allowed', message);
  }
}

export class Unauthenticated extends HttpError {
  constructor(message = 'Please sign in first.') {
    super(401, 'Sign-in needed', message);
  }
}

export class Conflict extends HttpError {
  constructor(message: string) {
    super(409, 'Changed meanwhile', message);
  }
}

/** A domain rule the request would break, named in words, e.g. "EMEA phone is full in 2027-W05 (8 of 8)". */
export class RuleViolation extends HttpError {
  constructor(message: string) {
    super(422, 'Not possible', message);
  }
}

export class TooManyRequests extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'Too many attempts', message);
  }
}

/** The database cannot be reached just now: nothing is wrong with the request, so people are asked to try again. */
export class ServiceUnavailable extends HttpError {
  constructor(
    message = 'Frontline cannot reach its database just now, so nothing was loaded or saved. Please try again in a minute.',
    readonly retryAfterSeconds = 30,
  ) {
    super(503, 'Temporarily unavailable', message);
  }
}
