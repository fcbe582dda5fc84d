// A one-time message for the page a successful POST redirects to ("Absence recorded."), kept in the session.
import type { Request } from 'express';

export function setFlash(req: Request, message: string): void {
  req.session.flash = message;
}

/** The waiting message, if any; it is shown once. */
export function takeFlash(req: Request): string | undefined {
  const message = req.session?.flash;
  if (message !== undefined) delete req.session.flash;
  return message;
}
