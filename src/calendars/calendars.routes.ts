// The calendar pages: my rotations, a desk's calendar and week rosters, a department's calendar, HR's timeline, and the feeds.
import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { inTransaction } from '../db/transaction';
import { allowRoles, headsOnly, hrOnly, signedIn } from '../http/access';
import { idParam } from '../http/id-param';
import { assignmentStatusNames } from './calendar-assignments';
import { mayManageFeed } from './calendar-feeds';
import { type DepartmentCalendar, loadDepartmentCalendars, loadDeskCalendar, loadDeskWeekRoster, loadMyRotations, loadProgrammeTimeline } from './calendar-pages';
import { takeRevealedFeed } from './feed-reveal';
import { feedRoutes, sendCalendar } from './feeds.routes';
import { rosterPageSize } from './desk-rosters';
import { ownAssignmentIcs } from './own-assignment-ics';
import { listLimit } from './programme-timeline';
import { calendarWeekOf, weekWindowOf } from './week-window';

const rosterWeeksShown = 8;
const quarterWeeks = 13;

/** The same department calendar page for heads (their departments) and for HR (any one). */
interface DepartmentPages {
  departmentIds: string[];
  title(calendars: DepartmentCalendar[]): string;
  feedAction(departmentId: string): string;
}

export function calendarRoutes(dataSource: DataSource, config: Config): Router {
  const router = Router();
  router.use(feedRoutes(dataSource, config));

  router.get('/me/rotations', signedIn, async (req, res) => {
    const page = await inTransaction(dataSource, (manager) => loadMyRotations(manager, req.user!.id, DateTime.utc()));
    res.render('calendars/my-rotations', {
      title: 'My rotations',
      ...page,
      statusNames: assignmentStatusNames,
      newFeed: takeRevealedFeed(req, [{ kind: 'employee', id: req.user!.id }]),
    });
  });

  router.get('/me/rotations/:id.ics', signedIn, async (req, res) => {
    const assignmentId = idParam(req.params.id);
    const ics = await inTransaction(dataSource, (manager) => ownAssignmentIcs(manager, req.user!.id, assignmentId));
    sendCalendar(res, ics, `rotation-${assignmentId}.ics`);
  });

  router.get('/desks/:id/calendar', allowRoles('hr', 'head'), async (req, res) => {
    const deskId = idParam(req.params.id);
    const window = weekWindowOf(req.query, rosterWeeksShown);
    const page = await inTransaction(dataSource, (manager) => loadDeskCalendar(manager, deskId, window));
    res.render('calendars/desk', {
      title: `${page.desk.name}: who is on the desk`,
      ...page,
      window,
      canManageFeed: mayManageFeed(req.user!, { kind: 'desk', id: deskId }),
      newFeed: takeRevealedFeed(req, [{ kind: 'desk', id: deskId }]),
    });
  });

  router.get('/desks/:id/calendar/weeks/:week', allowRoles('hr', 'head'), async (req, res) => {
    const deskId = idParam(req.params.id);
    const week = calendarWeekOf(req.params.week);
    const page = await inTransaction(dataSource, (manager) => loadDeskWeekRoster(manager, deskId, week, req.query.after));
    res.render('calendars/desk-week', { title: `${page.desk.name}: who is on the desk in ${week.label}`, ...page, rosterPageSize });
  });

  router.get('/head/calendar', headsOnly, async (req, res) => {
    await renderDepartmentCalendars(req, res, {
      departmentIds: req.user!.headedDepartmentIds,
      title: () => 'Who from my departments is on rotation',
      feedAction: (departmentId) => `/head/calendar/${departmentId}/feed`,
    });
  });

  router.get('/hr/departments/:id/calendar', hrOnly, async (req, res) => {
    await renderDepartmentCalendars(req, res, {
      departmentIds: [idParam(req.params.id)],
      title: ([calendar]) => `${calendar.name}: who is on rotation`,
      feedAction: (departmentId) => `/hr/departments/${departmentId}/calendar/feed`,
    });
  });

  async function renderDepartmentCalendars(req: Request, res: Response, { departmentIds, title, feedAction }: DepartmentPages) {
    const window = weekWindowOf(req.query, rosterWeeksShown);
    const calendars = await inTransaction(dataSource, (manager) => loadDepartmentCalendars(manager, departmentIds, window));
    res.render('calendars/departments', {
      title: title(calendars),
      calendars,
      window,
      basePath: req.path,
      feedAction,
      newFeed: takeRevealedFeed(req, departmentIds.map((id) => ({ kind: 'department', id }))),
    });
  }

  router.get('/hr/timeline', hrOnly, async (req, res) => {
    const window = weekWindowOf(req.query, quarterWeeks);
    const timeline = await inTransaction(dataSource, (manager) => loadProgrammeTimeline(manager, window));
    res.render('calendars/timeline', { title: 'Programme timeline', ...timeline, window, listLimit, statusNames: assignmentStatusNames });
  });

  return router;
}
