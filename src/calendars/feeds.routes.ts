// Feed addresses: the public feed itself, whose token is the credential, and the forms that make or reset one.
import { type Request, type Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { inTransaction } from '../db/transaction';
import { type AccessGuard, anyone, headsOnly, hrOnly, signedIn } from '../http/access';
import { idParam } from '../http/id-param';
import { type FeedOwner, feedIcs, feedPath, issueFeedToken } from './calendar-feeds';
import { revealFeedOnce } from './feed-reveal';

export function feedRoutes(dataSource: DataSource, config: Config): Router {
  const router = Router();

  router.get('/feeds/:token.ics', anyone, async (req, res) => {
    const ics = await inTransaction(dataSource, (manager) => feedIcs(manager, String(req.params.token)));
    sendCalendar(res, ics);
  });

  function resetRoute(path: string, rule: AccessGuard, ownerOf: (req: Request) => FeedOwner, pageAfter: (req: Request) => string) {
    router.post(path, rule, async (req, res) => {
      const owner = ownerOf(req);
      const token = await inTransaction(dataSource, (manager) => issueFeedToken(manager, req.user!, owner));
      revealFeedOnce(req, owner, `${config.publicUrl}${feedPath(token)}`);
      res.redirect(303, pageAfter(req));
    });
  }

  resetRoute('/me/rotations/feed', signedIn, (req) => ({ kind: 'employee', id: req.user!.id }), () => '/me/rotations#feed');
  resetRoute('/desks/:id/calendar/feed', hrOnly, (req) => ({ kind: 'desk', id: idParam(req.params.id) }), (req) => `/desks/${req.params.id}/calendar#feed`);
  resetRoute('/head/calendar/:id/feed', headsOnly, (req) => ({ kind: 'department', id: idParam(req.params.id) }), (req) => `/head/calendar#feed-${req.params.id}`);
  resetRoute('/hr/departments/:id/calendar/feed', hrOnly, (req) => ({ kind: 'department', id: idParam(req.params.id) }), (req) => `/hr/departments/${req.params.id}/calendar#feed-${req.params.id}`);

  return router;
}

export function sendCalendar(res: Response, ics: string, downloadName?: string): void {
  res.type('text/calendar; charset=utf-8');
  // The address is a secret: neither a shared cache nor the browser's should keep what it opens.
  res.set('Cache-Control', 'private, no-store');
  if (downloadName) res.attachment(downloadName);
  res.send(ics);
}
