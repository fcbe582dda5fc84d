// The dashboard's figures for each department in scope and in total, counted in the database (one grouped query per
// figure), so the page costs the same whether a department has ten people or the organisation 100,000.
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../planner';
import { mondayOfWeek, weekLabel, weekOfDate } from '../planner/weeks';
import { queryNamed } from './dashboard-sql';
import type { DashboardScope, DepartmentRef } from './dashboard-scope';
import { figureSql, hoursByPersonAndWeek, hoursOf } from './figure-sets';

export const countedFigures = ['active', 'completed', 'new-hires', 'onboarded', 'overdue'] as const;
export type CountedFigure = (typeof countedFigures)[number];

export const hoursWeekCount = 12;

export interface RecentWeek {
  label: string;
  monday: IsoDate;
}

export interface DepartmentFigures {
  /** null for the total over every department in scope. */
  department: DepartmentRef | null;
  counts: Record<CountedFigure, number>;
  /** Hours logged in each of the recent weeks, oldest first. */
  hoursByWeek: number[];
  hours: number;
}

export interface ProgrammeFigures {
  weeks: RecentWeek[];
  departments: DepartmentFigures[];
  total: DepartmentFigures;
}

/** The week `today` falls in and the ones before it, oldest first. */
export function recentWeeks(today: IsoDate, count = hoursWeekCount): RecentWeek[] {
  const current = weekOfDate(today);
  return Array.from({ length: count }, (_, index) => current - count + 1 + index).map((week) => ({ label: weekLabel(week), monday: mondayOfWeek(week) }));
}

/** Parameters every figure's SQL reads; the hours window covers `weeks`. */
export function figureParameters(departmentIds: string[], today: IsoDate, weeks: RecentWeek[]) {
  return { departmentIds, today, fromMonday: weeks[0].monday, toMonday: weeks[weeks.length - 1].monday };
}

const roundHours = (hours: number) => Math.round(hours * 100) / 100;

export async function loadProgrammeFigures(manager: EntityManager, scope: DashboardScope, today: IsoDate): Promise<ProgrammeFigures> {
  const weeks = recentWeeks(today);
  const parameters = figureParameters(scope.departments.map((department) => department.id), today, weeks);
  const rows = new Map(
    scope.departments.map((department): [string, DepartmentFigures] => [department.id, emptyFigures(department, weeks.length)]),
  );

  for (const figure of countedFigures) {
    const counts = await queryNamed<{ departmentId: string; count: number }>(
      manager,
      `SELECT department_id AS "departmentId", count(*)::int AS count FROM (${figureSql[figure]}) f GROUP BY department_id`,
      parameters,
    );
    for (const { departmentId, count } of counts) rows.get(departmentId)!.counts[figure] = count;
  }

  const weekIndex = new Map(weeks.map((week, index) => [week.monday, index]));
  const hours = await queryNamed<{ departmentId: string; monday: string; hours: number }>(
    manager,
    `SELECT department_id AS "departmentId", to_char(week_monday, 'YYYY-MM-DD') AS monday, ${hoursOf('worked')} AS hours
       FROM (${hoursByPersonAndWeek}) h GROUP BY department_id, week_monday`,
    parameters,
  );
  for (const row of hours) {
    const figures = rows.get(row.departmentId)!;
    figures.hoursByWeek[weekIndex.get(row.monday)!] = row.hours;
  }

  const departments = [...rows.values()];
  for (const figures of departments) figures.hours = roundHours(figures.hoursByWeek.reduce((sum, value) => sum + value, 0));
  return { weeks, departments, total: totalOf(departments, weeks.length) };
}

function emptyFigures(department: DepartmentRef | null, weekCount: number): DepartmentFigures {
  const counts = Object.fromEntries(countedFigures.map((figure) => [figure, 0])) as Record<CountedFigure, number>;
  return { department, counts, hoursByWeek: Array<number>(weekCount).fill(0), hours: 0 };
}

/** Everyone belongs to one department, so the total is the departments' sum. */
function totalOf(departments: DepartmentFigures[], weekCount: number): DepartmentFigures {
  const total = emptyFigures(null, weekCount);
  for (const figures of departments) {
    for (const figure of countedFigures) total.counts[figure] += figures.counts[figure];
    figures.hoursByWeek.forEach((hours, index) => (total.hoursByWeek[index] += hours));
  }
  total.hoursByWeek = total.hoursByWeek.map(roundHours);
  total.hours = roundHours(total.hoursByWeek.reduce((sum, value) => sum + value, 0));
  return total;
}
