import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

// Forms send the token as a hidden `_csrf` field; scripts may send the header instead. A file upload's body is read
// only after this check (by its route, after the access rule), so upload forms also put the token in their address.
const uploadToken = (req: Request) => (req.is('multipart/form-data') && typeof req.query._csrf === 'string' ? req.query._csrf : undefined);

export const { csrfSynchronisedProtection: csrfProtection, generateToken: generateCsrfToken } = csrfSync({
  getTokenFromRequest: (req: Request) =>
    (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined) ?? uploadToken(req),
  errorConfig: { statusCode: 403, message: 'This form has expired or was not sent by Frontline. Reload the page and try again.' },
});
