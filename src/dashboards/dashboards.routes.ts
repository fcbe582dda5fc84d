// The employee's progress page, HR's programme dashboard and the department heads' dashboard, with the drill-down
// to the people behind each figure and a CSV download of each table.
import { type Request, type Response, Router } from 'express';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { assignmentStatusNames } from '../calendars/calendar-assignments';
import { inTransaction } from '../db/transaction';
import type { FigureCache } from '../figure-cache/figure-cache';
import { headsOnly, hrOnly, signedIn } from '../http/access';
import { sendCsv } from '../people-export/csv-download';
import type { IsoDate } from '../planner';
import { today } from '../schedule/clock';
import { stageNames, stages } from '../shifts/shift';
import { figuresAge } from '../figure-cache/figures-age';
import { findAwayThisWeek } from './away-on-rotation';
import { dashboardLinks, loadFigureTables, tableKeyParam } from './dashboard-pages';
import { headScope, hrScope, type DashboardScope } from './dashboard-scope';
import { findFigurePeople, parseFigurePeopleRequest } from './figure-people';
import { tableRecords } from './figure-tables';
import { loadMyProgress } from './my-progress';

/** How HR's and a head's dashboards differ. */
interface Audience {
  title: string;
  scopeOf(manager: EntityManager, req: Request, day: IsoDate): Promise<DashboardScope>;
  /** Heads also see who from their departments is away on rotation this week. */
  showsAway: boolean;
  /** HR's drill-down links each person to their profile. */
  profileHref: ((employeeId: string) => string) | null;
}

const hr: Audience = {
  title: 'Programme dashboard',
  scopeOf: (manager, req, day) => hrScope(manager, req.query, day),
  showsAway: false,
  profileHref: (employeeId) => `/hr/employees/${employeeId}`,
};

const head: Audience = {
  title: 'Department dashboard',
  scopeOf: (manager, req) => headScope(manager, req.query, req.user!.headedDepartmentIds),
  showsAway: true,
  profileHref: null,
};

export function dashboardRoutes(dataSource: DataSource, figureCache: FigureCache): Router {
  const router = Router();

  router.get('/me/progress', signedIn, async (req, res) => {
    const progress = await inTransaction(dataSource, (manager) => loadMyProgress(manager, req.user!.id, DateTime.now()));
    res.render('dashboards/my-progress', { title: 'My progress', ...progress, statusNames: assignmentStatusNames, stages, stageNames });
  });

  router.get('/hr/dashboard', hrOnly, (req, res) => showDashboard(req, res, hr));
  router.get('/hr/dashboard/people', hrOnly, (req, res) => showFigurePeople(req, res, hr));
  router.get('/hr/dashboard/:table.csv', hrOnly, (req, res) => sendTable(req, res, hr));

  router.get('/head/dashboard', headsOnly, (req, res) => showDashboard(req, res, head));
  router.get('/head/dashboard/people', headsOnly, (req, res) => showFigurePeople(req, res, head));
  router.get('/head/dashboard/:table.csv', headsOnly, (req, res) => sendTable(req, res, head));

  async function showDashboard(req: Request, res: Response, audience: Audience) {
    const day = today();
    const page = await inTransaction(dataSource, async (manager) => {
      const scope = await audience.scopeOf(manager, req, day);
      const { tables, computedAt } = await loadFigureTables(manager, figureCache, scope, day);
      const departmentIds = scope.departments.map((department) => department.id);
      const away = audience.showsAway
        ? (await figureCache.read(manager, `away-this-week ${day} ${departmentIds.join(' ')}`, (reader) => findAwayThisWeek(reader, departmentIds, day))).figures
        : null;
      return { scope, tables, computedAt, away };
    });
    res.render('dashboards/dashboard', {
      title: page.scope.selected ? `${audience.title}: ${page.scope.selected.name}` : audience.title,
      ...page,
      links: dashboardLinks(page.scope),
      statusNames: assignmentStatusNames,
      figuresAge: figuresAge(page.computedAt, figureCache),
    });
  }

  async function showFigurePeople(req: Request, res: Response, audience: Audience) {
    const request = parseFigurePeopleRequest(req.query, audience);
    const day = today();
    const { scope, list } = await inTransaction(dataSource, async (manager) => {
      const scope = await audience.scopeOf(manager, req, day);
      return { scope, list: await findFigurePeople(manager, scope, request, day) };
    });
    const links = dashboardLinks(scope);
    const listHref = links.people(request.figure, null, request.week ?? undefined);
    res.render('dashboards/figure-people', {
      title: scope.selected ? `${list.title}: ${scope.selected.name}` : list.title,
      list,
      backHref: links.dashboard(scope.selected?.id ?? null),
      pageHref: (page: number) => (page > 1 ? `${listHref}&page=${page}` : listHref),
      profileHref: audience.profileHref,
    });
  }

  async function sendTable(req: Request, res: Response, audience: Audience) {
    const key = tableKeyParam(req.params.table);
    const day = today();
    const { tables } = await inTransaction(dataSource, async (manager) => loadFigureTables(manager, figureCache, await audience.scopeOf(manager, req, day), day));
    const table = tables.find((candidate) => candidate.key === key);
    const { header, records } = table ? tableRecords(table) : { header: ['Department'], records: [] };
    await sendCsv(res, `${key}-${day}.csv`, header, async (write) => {
      for (const record of records) await write(record);
    });
  }

  return router;
}
