import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { hrOnly } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm } from '../http/validation';
import { readSettings, updateSettings } from './settings.service';

const settingsForm = z.object({
  reminderDaysBefore: z.coerce
    .number({ error: 'Enter the reminder as a whole number of days' })
    .int('Enter the reminder as a whole number of days')
    .min(1, 'Reminders go at least 1 day before a rotation')
    .max(60, 'Reminders go at most 60 days before a rotation'),
  swapsNeedApproval: z.literal('yes').optional().transform((ticked) => ticked === 'yes'),
});

export function settingsRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/hr/settings', hrOnly, async (req, res) => {
    const settings = await readSettings(dataSource.manager);
    res.render('settings/edit', {
      title: 'Programme settings',
      values: { reminderDaysBefore: String(settings.reminderDaysBefore), swapsNeedApproval: settings.swapsNeedApproval ? 'yes' : '' },
      errors: {},
      notice: takeFlash(req),
    });
  });

  router.post('/hr/settings', hrOnly, async (req, res) => {
    const form = parseForm(settingsForm, req.body);
    if (!form.ok) {
      const values = { reminderDaysBefore: String(req.body?.reminderDaysBefore ?? ''), swapsNeedApproval: String(req.body?.swapsNeedApproval ?? '') };
      return res.status(422).render('settings/edit', { title: 'Programme settings', values, errors: form.errors });
    }
    await dataSource.transaction((manager) => updateSettings(manager, { id: req.user!.id, name: req.user!.fullName }, form.data));
    setFlash(req, 'Settings saved.');
    res.redirect(303, '/hr/settings');
  });

  return router;
}
