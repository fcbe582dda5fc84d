// HR's list of published assignments: its filters as read from a query string, and the page of rows behind it.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { optionalQueryText } from '../http/validation';
import { containsPattern } from '../people/like-pattern';
import { isIsoWeek } from '../rotations/form-fields';
import { assignmentStatuses, type AssignmentStatus, type AssignmentSummary } from './assignment-status';
import { weekDates } from './week-dates';

export interface AssignmentListFilters {
  deskId?: string;
  programmeId?: string;
  status?: AssignmentStatus;
  /** Assignments running in this ISO week. */
  week?: string;
  /** Part of the person's name or email. */
  search?: string;
}

export interface AssignmentListRow extends AssignmentSummary {
  employeeId: string;
  employeeName: string;
}

export interface AssignmentListPage {
  rows: AssignmentListRow[];
  total: number;
  page: number;
  pageCount: number;
}

export const assignmentListPageSize = 100;

// A bad value in a hand-edited address is dropped, never a 500: each field falls back on its own.
const querySchema = z.object({
  desk: z.guid().optional().catch(undefined),
  programme: z.guid().optional().catch(undefined),
  status: z.enum(assignmentStatuses).optional().catch(undefined),
  week: z
    .string()
    .trim()
    .transform((text) => text.toUpperCase())
    .refine(isIsoWeek)
    .optional()
    .catch(undefined),
  search: optionalQueryText(200),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

export function parseAssignmentListQuery(query: unknown): { filters: AssignmentListFilters; page: number } {
  const { desk, programme, page, ...rest } = querySchema.parse(typeof query === 'object' && query ? query : {});
  return { filters: { ...rest, deskId: desk, programmeId: programme }, page };
}

/** The query string that gives these filters (and page) back: the inverse of parseAssignmentListQuery. */
export function assignmentListSearchParams(filters: AssignmentListFilters, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  const values: [string, string | undefined][] = [
    ['desk', filters.deskId],
    ['programme', filters.programmeId],
    ['status', filters.status],
    ['week', filters.week],
    ['search', filters.search],
    ['page', page && page > 1 ? String(page) : undefined],
  ];
  for (const [name, value] of values) if (value) params.set(name, value);
  return params;
}

export async function findAssignments(manager: EntityManager, filters: AssignmentListFilters, page: number): Promise<AssignmentListPage> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  if (filters.deskId) conditions.push(`a.desk_id = ${parameter(filters.deskId)}`);
  if (filters.programmeId) conditions.push(`a.programme_id = ${parameter(filters.programmeId)}`);
  if (filters.status) conditions.push(`a.status = ${parameter(filters.status)}`);
  if (filters.week) {
    const monday = parameter(weekDates(filters.week, 1).startsOn);
    conditions.push(`a.starts_on <= ${monday}::date AND a.ends_on >= ${monday}::date`);
  }
  if (filters.search) {
    const pattern = parameter(containsPattern(filters.search));
    conditions.push(`(lower(e.full_name) LIKE ${pattern} OR e.email LIKE ${pattern})`);
  }
  const from = `FROM assignments a
                  JOIN employees e ON e.id = a.employee_id
                  JOIN programmes p ON p.id = a.programme_id
                  JOIN desks d ON d.id = a.desk_id
                ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
  const [{ total }]: { total: number }[] = await manager.query(`SELECT count(*)::int AS total ${from}`, parameters);
  const pageCount = Math.max(1, Math.ceil(total / assignmentListPageSize));
  const shown = Math.min(page, pageCount);
  const rows: AssignmentListRow[] = await manager.query(
    `SELECT a.id, a.employee_id AS "employeeId", e.full_name AS "employeeName", p.name AS "programmeName", d.name AS "deskName",
            a.first_week AS "firstWeek", a.weeks, to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn", a.status
       ${from}
      ORDER BY a.starts_on, lower(e.full_name), a.id
      LIMIT ${assignmentListPageSize} OFFSET ${(shown - 1) * assignmentListPageSize}`,
    parameters,
  );
  return { rows, total, page: shown, pageCount };
}

export interface Option {
  id: string;
  name: string;
  archived: boolean;
}

/** Desks and programmes to filter by or move to, by name; archived ones are marked. */
export async function scheduleOptions(manager: EntityManager): Promise<{ desks: Option[]; programmes: Option[] }> {
  const options = (table: string): Promise<Option[]> =>
    manager.query(`SELECT id, name, archived_at IS NOT NULL AS archived FROM ${table} ORDER BY archived_at IS NOT NULL, lower(name), id`);
  return { desks: await options('desks'), programmes: await options('programmes') };
}
