import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { signedIn } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm } from '../http/validation';
import { InvalidField } from '../http/invalid-fields';
import { changeOwnPassword } from './password-change';
import { changePasswordForm } from './password-form';
import { minimumPasswordLength } from './passwords';

const page = { title: 'Change your password', minimumPasswordLength };

export function passwordRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/me/password', signedIn, (req, res) => {
    res.render('auth/change-password', { ...page, errors: {}, notice: takeFlash(req) });
  });

  router.post('/me/password', signedIn, async (req, res) => {
    const form = parseForm(changePasswordForm, req.body);
    if (!form.ok) return res.status(422).render('auth/change-password', { ...page, errors: form.errors });
    const { currentPassword, newPassword } = form.data;
    try {
      await inTransaction(dataSource, (manager) => changeOwnPassword(manager, req.user!, currentPassword, newPassword));
    } catch (error) {
      if (error instanceof InvalidField) return res.status(422).render('auth/change-password', { ...page, errors: { [error.field]: error.message } });
      throw error;
    }
    setFlash(req, 'Your password is changed.');
    res.redirect(303, '/me/password');
  });

  return router;
}
