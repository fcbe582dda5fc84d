import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { anyone } from '../http/access';
import { TooManyRequests } from '../http/errors';
import { takeFlash } from '../http/flash';
import { parseForm } from '../http/validation';
import type { Role } from '../people/roles';
import type { LoginThrottle } from './login-throttle';
import type { AppPassport } from './passport';
import { sessionCookieName } from './sessions';
import type { SignedInUser } from './signed-in-user';

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your work email.').max(320, 'That email is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
  next: z.string().optional(),
});

export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('hr')) return '/hr';
  if (roles.includes('head')) return '/head';
  return '/me';
}

/** Only paths on this site, so a crafted link cannot send people elsewhere after they sign in. */
export function safeRedirectTarget(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  return next;
}

function authenticate(passport: AppPassport, req: Request, res: Response): Promise<SignedInUser | false> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', (error: unknown, user: SignedInUser | false) => (error ? reject(error) : resolve(user)))(req, res);
  });
}

function logIn(req: Request, user: SignedInUser): Promise<void> {
  // passport regenerates the session here, so a session id planted before sign-in is worthless.
  return new Promise((resolve, reject) => req.login(user, (error) => (error ? reject(error) : resolve())));
}

export function authRoutes(passport: AppPassport, throttle: LoginThrottle): Router {
  const router = Router();

  router.get('/sign-in', anyone, (req, res) => {
    if (req.user) return res.redirect(303, homeFor(req.user.roles));
    const expired = req.query.expired === '1';
    res.render('auth/sign-in', {
      title: 'Sign in',
      values: { email: '', next: safeRedirectTarget(req.query.next) ?? '' },
      errors: {},
      notice: expired ? 'Your session ended. Please sign in again.' : takeFlash(req),
    });
  });

  router.post('/sign-in', anyone, async (req, res) => {
    const form = parseForm(signInForm, req.body);
    const values = { email: String(req.body?.email ?? ''), next: safeRedirectTarget(req.body?.next) ?? '' };
    if (!form.ok) {
      return res.status(422).render('auth/sign-in', { title: 'Sign in', values, errors: form.errors });
    }
    const { email } = form.data;
    const address = req.ip ?? 'unknown';
    const waitSeconds = await throttle.secondsUntilAllowed(email, address);
    if (waitSeconds > 0) {
      const minutes = Math.ceil(waitSeconds / 60);
      throw new TooManyRequests(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, waitSeconds);
    }
    const user = await authenticate(passport, req, res);
    if (!user) {
      await throttle.recordFailure(email, address);
      return res.status(401).render('auth/sign-in', {
        title: 'Sign in',
        values,
        errors: { form: 'That email and password do not match an active account.' },
      });
    }
    await throttle.recordSuccess(email);
    await logIn(req, user);
    req.session.signedInAt = Date.now();
    res.redirect(303, safeRedirectTarget(form.data.next) ?? homeFor(user.roles));
  });

  router.post('/sign-out', anyone, (req, res, next) => {
    req.logout((logoutError) => {
      if (logoutError) return next(logoutError);
      req.session.destroy((destroyError) => {
        if (destroyError) return next(destroyError);
        res.clearCookie(sessionCookieName);
        res.redirect(303, '/sign-in');
      });
    });
  });

  return router;
}
