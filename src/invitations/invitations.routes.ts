import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { hashPassword, minimumPasswordLength } from '../auth/passwords';
import { setPasswordForm } from '../auth/password-form';
import type { Config } from '../config';
import { inTransaction } from '../db/transaction';
import { anyone, hrOnly } from '../http/access';
import { setFlash } from '../http/flash';
import { idParam } from '../http/id-param';
import { parseForm, type FieldErrors } from '../http/validation';
import { inviteEmployee, setPasswordWithToken } from './invitations.service';
import { listOutbox } from './outbox';
import { findTokenHolder, type TokenHolder } from './set-password-tokens';

const outboxQuery = z.object({ before: z.string().regex(/^\d{1,18}$/).optional().catch(undefined) });

// One answer for unknown, used and expired links, so the page tells nobody which tokens once existed.
function showLinkNotValid(res: Response): void {
  res.status(410).render('invitations/link-not-valid', { title: 'This link no longer works' });
}

function showSetPasswordForm(res: Response, status: number, holder: TokenHolder, errors: FieldErrors): void {
  res.status(status).render('invitations/set-password', { title: 'Choose your password', holder, minimumPasswordLength, errors });
}

export function invitationRoutes(dataSource: DataSource, config: Config): Router {
  const router = Router();

  router.get('/hr/outbox', hrOnly, async (req, res) => {
    const { before } = outboxQuery.parse(req.query);
    const page = await listOutbox(dataSource.manager, before ?? null);
    res.render('invitations/outbox', { title: 'Outbox', ...page, firstPage: !before, mailConfigured: Boolean(config.smtpUrl) });
  });

  router.post('/hr/employees/:employeeId/invite', hrOnly, async (req, res) => {
    const employeeId = idParam(req.params.employeeId);
    const invitee = await inTransaction(dataSource, (manager) => inviteEmployee(manager, config, employeeId));
    setFlash(
      req,
      config.smtpUrl
        ? `A set-password link is on its way to ${invitee.email}.`
        : `A set-password link for ${invitee.fullName} is in the outbox; email is not configured, so pass it on yourself.`,
    );
    res.redirect(303, `/hr/employees/${employeeId}`);
  });

  router.get('/set-password/:token', anyone, async (req, res) => {
    const holder = await findTokenHolder(dataSource.manager, String(req.params.token));
    if (!holder) return showLinkNotValid(res);
    showSetPasswordForm(res, 200, holder, {});
  });

  router.post('/set-password/:token', anyone, async (req, res) => {
    const token = String(req.params.token);
    const holder = await findTokenHolder(dataSource.manager, token);
    if (!holder) return showLinkNotValid(res);
    const form = parseForm(setPasswordForm, req.body);
    if (!form.ok) return showSetPasswordForm(res, 422, holder, form.errors);
    // Hashed before the transaction, so the slow hash does not hold the database connection.
    const passwordHash = await hashPassword(form.data.newPassword);
    const done = await inTransaction(dataSource, (manager) => setPasswordWithToken(manager, token, passwordHash));
    if (!done) return showLinkNotValid(res);
    setFlash(req, 'Your password is set. Sign in with your work email and your new password.');
    res.redirect(303, '/sign-in');
  });

  return router;
}
