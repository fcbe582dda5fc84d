// Deny by default: every route names who may use it with one of these rules, and a test walks the
// router to check that no route lacks one.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../people/roles';
import { Forbidden, Unauthenticated } from './errors';

export type AccessRule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

export type AccessGuard = RequestHandler & { accessRule: AccessRule };

function guard(rule: AccessRule, check: (req: Request) => void): AccessGuard {
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (rule.kind !== 'public' && !req.user) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      }
      throw new Unauthenticated();
    }
    check(req);
    next();
  };
  return Object.assign(middleware, { accessRule: rule });
}

/** Anyone, signed in or not. */
export const anyone = guard({ kind: 'public' }, () => {});

/** Every signed-in person (every employee). */
export const signedIn = guard({ kind: 'signed-in' }, () => {});

/** Signed-in people holding at least one of the roles. */
export function allowRoles(...allowed: Role[]): AccessGuard {
  return guard({ kind: 'roles', roles: allowed }, (req) => {
    if (!allowed.some((role) => req.user!.roles.includes(role))) throw new Forbidden();
  });
}

export const hrOnly = allowRoles('hr');
export const headsOnly = allowRoles('head');
