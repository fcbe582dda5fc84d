// The HR employee list: its filters as read from a query string, and the queries behind the page and the CSV
// export. Every condition and sort order here is served by an index (see the EmployeeSearch migration), so a
// page stays fast at 100,000 people.
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { optionalQueryText } from '../http/validation';
import { parseCalendarDate } from './employee-fields';
import { containsPattern } from './like-pattern';
import { employeeStatuses, statusCondition, statusExpression, type EmployeeStatus } from './employee-status';

export const employeeSortKeys = ['name', 'email', 'department', 'site', 'hireDate'] as const;
export type EmployeeSortKey = (typeof employeeSortKeys)[number];
export type SortDirection = 'asc' | 'desc';

export interface EmployeeListFilters {
  /** Part of a name, email or job title, any case. */
  search?: string;
  departmentId?: string;
  siteId?: string;
  status?: EmployeeStatus;
  /** ISO dates, both ends included. */
  hiredFrom?: string;
  hiredTo?: string;
  sort: EmployeeSortKey;
  direction: SortDirection;
}

export interface EmployeeListRow {
  id: string;
  fullName: string;
  email: string;
  departmentName: string;
  siteName: string;
  jobTitle: string;
  hireDate: string;
  terminationDate: string | null;
  status: EmployeeStatus;
}

export interface EmployeeListPage {
  rows: EmployeeListRow[];
  /** How many people match the filters. */
  total: number;
  page: number;
  pageCount: number;
}

export const employeeListPageSize = 50;

const isoDate = z.string().refine((text) => parseCalendarDate(text) !== null);

// A bad value in a hand-edited address is dropped, never a 500: each field falls back on its own.
const filtersSchema = z.object({
  search: optionalQueryText(200),
  department: z.guid().optional().catch(undefined),
  site: z.guid().optional().catch(undefined),
  status: z.enum(employeeStatuses).optional().catch(undefined),
  hiredFrom: isoDate.optional().catch(undefined),
  hiredTo: isoDate.optional().catch(undefined),
  sort: z.enum(employeeSortKeys).catch('name'),
  direction: z.enum(['asc', 'desc']).catch('asc'),
});

/** Reads the list's filters from a query string object (req.query); unknown or malformed values are ignored. */
export function parseEmployeeListFilters(query: unknown): EmployeeListFilters {
  const { department, site, ...rest } = filtersSchema.parse(typeof query === 'object' && query ? query : {});
  return { ...rest, departmentId: department, siteId: site };
}

const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** The 1-based page number from a query string object; anything else is page 1. */
export function parseEmployeeListPage(query: unknown): number {
  return pageSchema.parse((query as { page?: unknown } | undefined)?.page);
}

/** The query string that gives these filters (and page) back, for links: the inverse of parseEmployeeListFilters. */
export function employeeListSearchParams(filters: EmployeeListFilters, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  const values: [string, string | undefined][] = [
    ['search', filters.search],
    ['department', filters.departmentId],
    ['site', filters.siteId],
    ['status', filters.status],
    ['hiredFrom', filters.hiredFrom],
    ['hiredTo', filters.hiredTo],
    ['sort', filters.sort === 'name' ? undefined : filters.sort],
    ['direction', filters.direction === 'asc' ? undefined : filters.direction],
    ['page', page && page > 1 ? String(page) : undefined],
  ];
  for (const [name, value] of values) if (value) params.set(name, value);
  return params;
}

function whereFiltersHold<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filters: EmployeeListFilters): SelectQueryBuilder<T> {
  if (filters.search) {
    // Each side matches one trigram index expression exactly (emails are stored lower-case).
    query.andWhere('(lower(e.full_name) LIKE :pattern OR e.email LIKE :pattern OR lower(e.job_title) LIKE :pattern)', {
      pattern: containsPattern(filters.search),
    });
  }
  if (filters.departmentId) query.andWhere('e.department_id = :departmentId', { departmentId: filters.departmentId });
  if (filters.siteId) query.andWhere('e.site_id = :siteId', { siteId: filters.siteId });
  if (filters.status) query.andWhere(statusCondition(filters.status));
  if (filters.hiredFrom) query.andWhere('e.hire_date >= :hiredFrom', { hiredFrom: filters.hiredFrom });
  if (filters.hiredTo) query.andWhere('e.hire_date <= :hiredTo', { hiredTo: filters.hiredTo });
  return query;
}

// Name and id end every order, so pages never overlap or skip people with equal values.
const sortExpressions: Record<EmployeeSortKey, string[]> = {
  name: ['lower(e.full_name)', 'e.id'],
  email: ['e.email'],
  department: ['lower(d.name)', 'lower(e.full_name)', 'e.id'],
  site: ['lower(s.name)', 'lower(e.full_name)', 'e.id'],
  hireDate: ['e.hire_date', 'lower(e.full_name)', 'e.id'],
};

function inOrder<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, sort: EmployeeSortKey, direction: SortDirection): SelectQueryBuilder<T> {
  for (const expression of sortExpressions[sort]) query.addOrderBy(expression, direction === 'desc' ? 'DESC' : 'ASC');
  return query;
}

function withListColumns(manager: EntityManager): SelectQueryBuilder<ObjectLiteral> {
  return manager
    .createQueryBuilder()
    .select('e.id', 'id')
    .addSelect('e.full_name', 'fullName')
    .addSelect('e.email', 'email')
    .addSelect('d.name', 'departmentName')
    .addSelect('s.name', 'siteName')
    .addSelect('e.job_title', 'jobTitle')
    .addSelect('e.hire_date::text', 'hireDate')
    .addSelect('e.termination_date::text', 'terminationDate')
    .addSelect(statusExpression('e'), 'status')
    .from('employees', 'e')
    .innerJoin('departments', 'd', 'd.id = e.department_id')
    .innerJoin('sites', 's', 's.id = e.site_id');
}

/**
 * Every matching person as EmployeeListRow raw rows (aliases e, d, s), in the chosen order, without paging: for the
 * CSV export, which reads it in chunks (adding conditions and its own order); `.getQueryAndParameters()` gives the
 * SQL for a cursor.
 */
export function employeeListQuery(manager: EntityManager, filters: EmployeeListFilters): SelectQueryBuilder<ObjectLiteral> {
  return inOrder(whereFiltersHold(withListColumns(manager), filters), filters.sort, filters.direction);
}

const flipped = (direction: SortDirection): SortDirection => (direction === 'asc' ? 'desc' : 'asc');

/** One page (1-based; past the end gives the last page) of the people matching the filters, with their count. */
export async function findEmployees(manager: EntityManager, filters: EmployeeListFilters, page: number): Promise<EmployeeListPage> {
  // The count reads only the employees table and its indexes: no joins, no sort.
  const counted = await whereFiltersHold(manager.createQueryBuilder().select('count(*)::int', 'total').from('employees', 'e'), filters).getRawOne();
  const total: number = counted.total;
  const pageCount = Math.max(1, Math.ceil(total / employeeListPageSize));
  const shown = Math.min(page, pageCount);
  if (total === 0) return { rows: [], total, page: shown, pageCount };

  const start = (shown - 1) * employeeListPageSize;
  const end = Math.min(start + employeeListPageSize, total);
  // A page in the far half is counted from the other end of the order, so the last page costs what the first does.
  const fromEnd = start > total - end;
  const pageIds = manager.createQueryBuilder().select('e.id').from('employees', 'e');
  if (filters.sort === 'department') pageIds.innerJoin('departments', 'd', 'd.id = e.department_id');
  if (filters.sort === 'site') pageIds.innerJoin('sites', 's', 's.id = e.site_id');
  inOrder(whereFiltersHold(pageIds, filters), filters.sort, fromEnd ? flipped(filters.direction) : filters.direction)
    .offset(fromEnd ? total - end : start)
    .limit(end - start);
  // Walking the order touches only employees (and the sort's table); names are joined for the page's rows alone.
  const rows: EmployeeListRow[] = await inOrder(
    withListColumns(manager).where(`e.id IN (${pageIds.getQuery()})`).setParameters(pageIds.getParameters()),
    filters.sort,
    filters.direction,
  ).getRawMany();
  return { rows, total, page: shown, pageCount };
}
