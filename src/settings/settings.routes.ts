import { Router } from 'express';
import { actorOf } from '../audit/audit-log';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { hrOnly } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm } from '../http/validation';
import { readSettings, updateSettings, type OrganisationSettings } from './settings.service';

/** A whole number from min to max; blank is refused (not read as 0), while a field left out keeps the saved value. */
const wholeNumber = (asked: string, range: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? Number.NaN : value),
    z.coerce
      .number({ error: `Enter ${asked} as a whole number` })
      .int(`Enter ${asked} as a whole number`)
      .min(min, `${range} from ${min} to ${max}`)
      .max(max, `${range} from ${min} to ${max}`)
      .optional(),
  );

const settingsForm = z.object({
  reminderDaysBefore: z.coerce
    .number({ error: 'Enter the reminder as a whole number of days' })
    .int('Enter the reminder as a whole number of days')
    .min(1, 'Reminders go at least 1 day before a rotation')
    .max(60, 'Reminders go at most 60 days before a rotation'),
  swapsNeedApproval: z.literal('yes').optional().transform((ticked) => ticked === 'yes'),
  completionSharePercent: wholeNumber('the completion share', 'The completion share is a percentage', 1, 100),
  lateLoggingGraceDays: wholeNumber('the days for late logging', 'Late logging is allowed for', 0, 30),
});

const formFields = ['reminderDaysBefore', 'swapsNeedApproval', 'completionSharePercent', 'lateLoggingGraceDays'] as const;

const valuesOf = (settings: OrganisationSettings): Record<(typeof formFields)[number], string> => ({
  reminderDaysBefore: String(settings.reminderDaysBefore),
  swapsNeedApproval: settings.swapsNeedApproval ? 'yes' : '',
  completionSharePercent: String(settings.completionSharePercent),
  lateLoggingGraceDays: String(settings.lateLoggingGraceDays),
});

export function settingsRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/hr/settings', hrOnly, async (req, res) => {
    const settings = await readSettings(dataSource.manager);
    res.render('settings/edit', { title: 'Programme settings', values: valuesOf(settings), errors: {}, notice: takeFlash(req) });
  });

  router.post('/hr/settings', hrOnly, async (req, res) => {
    const form = parseForm(settingsForm, req.body);
    if (!form.ok) {
      const values = Object.fromEntries(formFields.map((field) => [field, String(req.body?.[field] ?? '')]));
      return res.status(422).render('settings/edit', { title: 'Programme settings', values, errors: form.errors });
    }
    await dataSource.transaction((manager) => updateSettings(manager, actorOf(req.user!), form.data));
    setFlash(req, 'Settings saved.');
    res.redirect(303, '/hr/settings');
  });

  return router;
}
