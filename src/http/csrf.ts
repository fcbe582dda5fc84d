import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

// Forms send the token as a hidden `_csrf` field; scripts may send the header instead.
export const { csrfSynchronisedProtection: csrfProtection, generateToken: generateCsrfToken } = csrfSync({
  getTokenFromRequest: (req: Request) =>
    (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  errorConfig: { statusCode: 403, message: 'This form has expired or was not sent by Frontline. Reload the page and try again.' },
});
