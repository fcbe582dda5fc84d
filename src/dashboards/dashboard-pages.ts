// What the dashboard pages show: the figure tables for a scope, and the addresses of their drill-downs and downloads.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import type { IsoDate } from '../planner';
import type { DashboardScope } from './dashboard-scope';
import type { FigureKey } from './figure-sets';
import { figureTables, tableKeys, type FigureTable, type TableKey } from './figure-tables';
import { loadProgrammeFigures } from './programme-figures';

export async function loadFigureTables(manager: EntityManager, scope: DashboardScope, today: IsoDate): Promise<FigureTable[]> {
  if (!scope.departments.length) return [];
  const figures = await loadProgrammeFigures(manager, scope, today);
  return figureTables(figures, scope.totalLabel);
}

export function tableKeyParam(value: unknown): TableKey {
  const key = tableKeys.find((candidate) => candidate === value);
  if (!key) throw new NotFound('There is no such table on the dashboard.');
  return key;
}

export interface DashboardLinks {
  people(figure: FigureKey, departmentId: string | null, week?: string): string;
  csv(table: TableKey): string;
  /** The dashboard itself, narrowed to a department or not. */
  dashboard(departmentId: string | null): string;
}

export function dashboardLinks(scope: DashboardScope): DashboardLinks {
  const withQuery = (path: string, values: Record<string, string | null | undefined>) => {
    const query = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
    return query ? `${path}?${query}` : path;
  };
  const selected = scope.selected?.id ?? null;
  return {
    people: (figure, departmentId, week) => withQuery(`${scope.basePath}/people`, { figure, department: departmentId ?? selected, week }),
    csv: (table) => withQuery(`${scope.basePath}/${table}.csv`, { department: selected }),
    dashboard: (departmentId) => withQuery(scope.basePath, { department: departmentId }),
  };
}
