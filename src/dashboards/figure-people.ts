// The drill-down: the people behind one dashboard figure, a page at a time, in name order.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { NotFound } from '../http/errors';
import type { IsoDate } from '../planner';
import { mondayOfWeek, weekNumber } from '../planner/weeks';
import { isIsoWeek } from '../rotations/form-fields';
import { queryNamed } from './dashboard-sql';
import type { DashboardScope } from './dashboard-scope';
import { figureKeys, figureSql, type FigureDetails, type FigureKey } from './figure-sets';
import { hundredthsText } from '../http/number-text';
import { statusLabels } from '../schedule/assignment-status';
import { figureParameters, hoursWeekCount, recentWeeks } from './programme-figures';

const figurePeoplePageSize = 50;

export interface FigurePeopleRequest {
  figure: FigureKey;
  /** For the hours figure: one week instead of the recent ones. */
  week: string | null;
  page: number;
}

export interface FigurePerson {
  employeeId: string;
  fullName: string;
  departmentName: string;
  details: string;
}

export interface FigurePeoplePage {
  title: string;
  rows: FigurePerson[];
  total: number;
  page: number;
  pageCount: number;
}

const requestSchema = z.object({
  figure: z.enum(figureKeys),
  week: z.preprocess((value) => (value === '' ? undefined : value), z.string().refine(isIsoWeek).optional()),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

/**
 * A figure or week that does not exist, or a figure this dashboard does not show (who is away, on HR's), is a page
 * that does not exist; a bad page number is page 1.
 */
export function parseFigurePeopleRequest(query: unknown, { showsAway }: { showsAway: boolean }): FigurePeopleRequest {
  const parsed = requestSchema.safeParse(query ?? {});
  if (!parsed.success || (parsed.data.figure === 'away' && !showsAway)) throw new NotFound('There is no such figure on the dashboard.');
  const { figure, week, page } = parsed.data;
  return { figure, week: figure === 'hours' ? (week ?? null) : null, page };
}

const figureTitles: Record<Exclude<FigureKey, 'hours'>, string> = {
  active: 'Active employees',
  completed: 'Completed a rotation in the last 12 months',
  'new-hires': 'New hires in the last 12 months',
  onboarded: 'New hires who started within the onboarding window',
  overdue: 'Overdue people',
  away: 'Away on rotation this week',
};

function figureTitle({ figure, week }: Pick<FigurePeopleRequest, 'figure' | 'week'>): string {
  if (figure !== 'hours') return figureTitles[figure];
  return week ? `Logged shifts in ${week}` : `Logged shifts in the last ${hoursWeekCount} weeks`;
}

function onboardingDetails(row: FigureDetails['new-hires']): string {
  const started = row.startedWeek === null ? 'not started' : `started ${row.startedWeek}${row.onTime ? ', on time' : ', late'}`;
  return `Hired ${row.hireDate}; to start by ${row.latestStartWeek}; ${started}`;
}

const describe: { [K in FigureKey]: (row: FigureDetails[K]) => string } = {
  active: (row) => `Hired ${row.hireDate}`,
  completed: (row) => `${row.programmeName}, ended ${row.endedOn}`,
  'new-hires': onboardingDetails,
  onboarded: onboardingDetails,
  overdue: (row) =>
    row.overdue
      .map((due) => `${due.programme}: due ${due.dueWeek}, ${due.placedWeek === null ? 'not placed' : `placed in ${due.placedWeek}, not completed`}`)
      .join('; '),
  hours: (row) => `${hundredthsText(row.hours)} hours in ${row.shifts} ${row.shifts === 1 ? 'shift' : 'shifts'}`,
  away: (row) => `${row.programmeName} at ${row.deskName}, ${row.startsOn} to ${row.endsOn}, ${statusLabels[row.status]}`,
};

type ListedRow = Record<string, unknown> & { employeeId: string; fullName: string; departmentName: string; total: number };

export async function findFigurePeople(manager: EntityManager, scope: DashboardScope, request: FigurePeopleRequest, today: IsoDate): Promise<FigurePeoplePage> {
  const weeks = request.week ? [{ label: request.week, monday: mondayOfWeek(weekNumber(request.week)) }] : recentWeeks(today);
  const parameters = figureParameters(scope.departments.map((department) => department.id), today, weeks);
  const people = figureSql[request.figure];
  // The count rides along with the page, so the figure's people are worked out once.
  const pageOf = (page: number) =>
    queryNamed<ListedRow>(
      manager,
      `SELECT f.*, e.id AS "employeeId", e.full_name AS "fullName", d.name AS "departmentName", count(*) OVER ()::int AS total
         FROM (${people}) f
         JOIN employees e ON e.id = f.employee_id
         JOIN departments d ON d.id = f.department_id
        ORDER BY lower(e.full_name), e.id
        LIMIT :pageSize OFFSET :skipped`,
      { ...parameters, pageSize: figurePeoplePageSize, skipped: (page - 1) * figurePeoplePageSize },
    );
  let page = request.page;
  let rows = await pageOf(page);
  if (!rows.length && page > 1) {
    // Past the end: show the last page.
    const [{ total }] = await queryNamed<{ total: number }>(manager, `SELECT count(*)::int AS total FROM (${people}) f`, parameters);
    page = Math.max(1, Math.ceil(total / figurePeoplePageSize));
    rows = await pageOf(page);
  }
  const total = rows[0]?.total ?? 0;
  const details = describe[request.figure] as (row: unknown) => string;
  return {
    title: figureTitle(request),
    rows: rows.map((row) => ({ employeeId: row.employeeId, fullName: row.fullName, departmentName: row.departmentName, details: details(row) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / figurePeoplePageSize)),
  };
}
