import type { RequestHandler } from 'express';
import { generateCsrfToken } from './csrf';
import { navigationFor } from './navigation';

/** What every page's layout needs: who is signed in, their navigation, and the form token. */
export const pageLocals: RequestHandler = (req, res, next) => {
  res.locals.user = req.user;
  res.locals.navigation = req.user ? navigationFor(req.user.roles) : [];
  res.locals.currentPath = req.path;
  // Lazy, so requests that render no form do not create a session just for a token.
  res.locals.csrfToken = () => generateCsrfToken(req);
  next();
};
