// What the dashboard pages show: the figure tables for a scope, and the addresses of their drill-downs and downloads.
import type { EntityManager } from 'typeorm';
import type { FigureCache } from '../figure-cache/figure-cache';
import { NotFound } from '../http/errors';
import type { IsoDate } from '../planner';
import type { DashboardScope } from './dashboard-scope';
import type { FigureKey } from './figure-sets';
import { figureTables, tableKeys, type FigureTable, type TableKey } from './figure-tables';
import { loadProgrammeFigures } from './programme-figures';

export interface DashboardTables {
  tables: FigureTable[];
  /** When the figures were worked out, if they were kept from an earlier visit. */
  computedAt: Date | null;
}

export async function loadFigureTables(manager: EntityManager, figureCache: FigureCache, scope: DashboardScope, today: IsoDate): Promise<DashboardTables> {
  if (!scope.departments.length) return { tables: [], computedAt: null };
  const departmentIds = scope.departments.map((department) => department.id);
  const { figures, computedAt } = await figureCache.read(manager, `programme-figures ${today} ${departmentIds.join(' ')}`, (reader) =>
    loadProgrammeFigures(reader, scope, today),
  );
  return { tables: figureTables(figures, scope.totalLabel), computedAt };
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
