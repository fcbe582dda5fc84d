// Employees ask to move or swap their rotation and answer colleagues' swaps; HR approves where the organisation
// wants it. Each page works on the signed-in person's own rotations and requests only.
import { type Request, type Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { actorOf } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly, signedIn } from '../http/access';
import { Conflict, RuleViolation } from '../http/errors';
import { setFlash, takeFlash } from '../http/flash';
import { hasNoControlCharacters, parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { readSettings } from '../settings/settings.service';
import { answerForm, hrDeclineForm, moveRequestForm, swapRequestForm } from './assignment-forms';
import { startDueAssignments } from './assignment-clock';
import { answerSwap, decideRequest, requestMove, requestSwap, withdrawRequest, type RequestOutcome } from './assignment-requests';
import { today } from './clock';
import { legalMoves, ownChangeableAssignment, swapCandidates, upcomingAssignmentsOf } from './request-options';
import { requestsForHr, requestsOf, requestStatusLabels } from './request-records';
import { changeHorizonWeeks, loadScheduleChecker, ScheduleRuleBroken } from './schedule-check';

interface Refusal {
  status: number;
  /** What went wrong, one sentence each. */
  messages: string[];
}

/** The refusals a page shows again in words; anything else is an error page. */
function refusalOf(error: unknown): Refusal | null {
  if (error instanceof ScheduleRuleBroken) return { status: error.status, messages: error.reasons };
  if (error instanceof RuleViolation || error instanceof Conflict) return { status: error.status, messages: [error.message] };
  return null;
}

const outcomeMessages: Record<RequestOutcome['status'], string> = {
  'pending-colleague': 'Request sent: your colleague will answer on their requests page.',
  'pending-hr': 'Sent to HR for approval.',
  approved: 'Done: the rotation has moved, and everyone affected will be told.',
  declined: 'Declined.',
  refused: 'Refused.',
  withdrawn: 'Withdrawn.',
};

const ownRequestsPage = '/me/rotations/requests';

export function requestRoutes(dataSource: DataSource): Router {
  const router = Router();
  const requester = (req: Request) => ({ ...actorOf(req.user!), id: req.user!.id });

  async function showOwnRequests(req: Request, res: Response, status = 200, refusal: string[] = []) {
    const page = await inTransaction(dataSource, async (manager) => {
      await startDueAssignments(manager, today());
      return {
        upcoming: await upcomingAssignmentsOf(manager, req.user!.id, today()),
        ...(await requestsOf(manager, req.user!.id)),
        settings: await readSettings(manager),
      };
    });
    res.status(status).render('schedule/my-requests', { title: 'Move and swap requests', ...page, statusLabels: requestStatusLabels, refusal, notice: takeFlash(req) });
  }

  async function showMoveOptions(req: Request, res: Response, status = 200, state: { errors?: FieldErrors; refusal?: string[] } = {}) {
    const id = idParam(req.params.id);
    const page = await inTransaction(dataSource, async (manager) => {
      const assignment = await ownChangeableAssignment(manager, req.user!.id, id, today());
      return { assignment, options: legalMoves(await loadScheduleChecker(manager, today()), assignment, today()) };
    });
    res.status(status).render('schedule/move-request', {
      title: 'Ask to move your rotation',
      ...page,
      horizonWeeks: changeHorizonWeeks,
      errors: state.errors ?? {},
      refusal: state.refusal ?? [],
      chosen: typeof req.body?.option === 'string' ? req.body.option : '',
      note: typeof req.body?.note === 'string' ? req.body.note : '',
    });
  }

  async function showSwapCandidates(req: Request, res: Response, status = 200, state: { errors?: FieldErrors; refusal?: string[] } = {}) {
    const id = idParam(req.params.id);
    const typed = req.query.search;
    const search = typeof typed === 'string' && hasNoControlCharacters(typed) ? typed.trim().slice(0, 200) || undefined : undefined;
    const page = await inTransaction(dataSource, async (manager) => {
      const assignment = await ownChangeableAssignment(manager, req.user!.id, id, today());
      const checker = await loadScheduleChecker(manager, today());
      return { assignment, candidates: await swapCandidates(manager, checker, assignment, search, today()) };
    });
    res.status(status).render('schedule/swap-request', {
      title: 'Ask to swap your rotation',
      ...page,
      search: search ?? '',
      errors: state.errors ?? {},
      refusal: state.refusal ?? [],
      chosen: typeof req.body?.counterpart === 'string' ? req.body.counterpart : '',
      note: typeof req.body?.note === 'string' ? req.body.note : '',
    });
  }

  router.get(ownRequestsPage, signedIn, async (req, res) => {
    await showOwnRequests(req, res);
  });

  router.get(`${ownRequestsPage}/move/:id`, signedIn, async (req, res) => {
    await showMoveOptions(req, res);
  });

  router.post(`${ownRequestsPage}/move/:id`, signedIn, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(moveRequestForm, req.body);
    if (!form.ok) return showMoveOptions(req, res, 422, { errors: form.errors });
    try {
      const { version, option, note } = form.data;
      const outcome = await inTransaction(dataSource, (manager) => requestMove(manager, requester(req), id, version, option, note, today()));
      setFlash(req, outcomeMessages[outcome.status]);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return showMoveOptions(req, res, refusal.status, { refusal: refusal.messages });
    }
    res.redirect(303, ownRequestsPage);
  });

  router.get(`${ownRequestsPage}/swap/:id`, signedIn, async (req, res) => {
    await showSwapCandidates(req, res);
  });

  router.post(`${ownRequestsPage}/swap/:id`, signedIn, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(swapRequestForm, req.body);
    if (!form.ok) return showSwapCandidates(req, res, 422, { errors: form.errors });
    try {
      const { version, counterpart, note } = form.data;
      await inTransaction(dataSource, (manager) => requestSwap(manager, requester(req), id, version, counterpart, note, today()));
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return showSwapCandidates(req, res, refusal.status, { refusal: refusal.messages });
    }
    setFlash(req, outcomeMessages['pending-colleague']);
    res.redirect(303, ownRequestsPage);
  });

  router.post(`${ownRequestsPage}/:id/withdraw`, signedIn, async (req, res) => {
    const id = idParam(req.params.id);
    await inTransaction(dataSource, (manager) => withdrawRequest(manager, requester(req), id));
    setFlash(req, outcomeMessages.withdrawn);
    res.redirect(303, ownRequestsPage);
  });

  for (const accept of [true, false]) {
    router.post(`${ownRequestsPage}/:id/${accept ? 'accept' : 'decline'}`, signedIn, async (req, res) => {
      const id = idParam(req.params.id);
      const form = parseForm(answerForm, req.body);
      if (!form.ok) return showOwnRequests(req, res, 422, Object.values(form.errors));
      const outcome = await inTransaction(dataSource, (manager) => answerSwap(manager, requester(req), id, { accept, note: form.data.note }, today()));
      if (outcome.status === 'refused') return showOwnRequests(req, res, 422, outcome.reasons);
      setFlash(req, outcomeMessages[outcome.status]);
      res.redirect(303, ownRequestsPage);
    });
  }

  async function showHrRequests(req: Request, res: Response, status = 200, state: { errors?: FieldErrors; refusal?: string[] } = {}) {
    const page = await inTransaction(dataSource, async (manager) => ({ ...(await requestsForHr(manager)), settings: await readSettings(manager) }));
    res.status(status).render('schedule/hr-requests', {
      title: 'Move and swap requests',
      ...page,
      statusLabels: requestStatusLabels,
      errors: state.errors ?? {},
      refusal: state.refusal ?? [],
      notice: takeFlash(req),
    });
  }

  router.get('/hr/requests', hrOnly, async (req, res) => {
    await showHrRequests(req, res);
  });

  router.post('/hr/requests/:id/approve', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const outcome = await inTransaction(dataSource, (manager) => decideRequest(manager, actorOf(req.user!), id, { approve: true, reason: null }, today()));
    if (outcome.status === 'refused') return showHrRequests(req, res, 422, { refusal: outcome.reasons });
    setFlash(req, outcomeMessages.approved);
    res.redirect(303, '/hr/requests');
  });

  router.post('/hr/requests/:id/decline', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(hrDeclineForm, req.body);
    if (!form.ok) return showHrRequests(req, res, 422, { errors: form.errors });
    await inTransaction(dataSource, (manager) => decideRequest(manager, actorOf(req.user!), id, { approve: false, reason: form.data.reason }, today()));
    setFlash(req, outcomeMessages.declined);
    res.redirect(303, '/hr/requests');
  });

  return router;
}
