// The learnings feed's filters, search and order as read from a query string, and back into one for links.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { optionalQueryText } from '../http/validation';
import { insightStatuses, severities, type InsightStatus, type Severity } from '../insights/insight';

export const feedSorts = ['relevance', 'newest', 'heard', 'severe'] as const;
export type FeedSort = (typeof feedSorts)[number];

export const feedSortNames: Record<FeedSort, string> = {
  relevance: 'Best match',
  newest: 'Newest',
  heard: 'Most heard',
  severe: 'Most severe',
};

export interface FeedFilters {
  /** Words to search for, as in a web search ("menu option" -refund). */
  search?: string;
  categoryId?: string;
  productAreaId?: string;
  severity?: Severity;
  status?: InsightStatus;
  deskId?: string;
  tag?: string;
  /** ISO dates (UTC days), both ends included. */
  from?: string;
  to?: string;
  /** Best match only with a search; newest otherwise unless chosen. */
  sort: FeedSort;
}

const isoDate = z.string().refine((text) => DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: 'utc' }).isValid);
// A bad value in a hand-edited address is dropped, never a 500: each field falls back on its own.
const filtersSchema = z.object({
  q: optionalQueryText(200),
  category: z.guid().optional().catch(undefined),
  area: z.guid().optional().catch(undefined),
  severity: z.enum(severities).optional().catch(undefined),
  status: z.enum(insightStatuses).optional().catch(undefined),
  desk: z.guid().optional().catch(undefined),
  tag: optionalQueryText(40).transform((tag) => tag?.toLowerCase()),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  sort: z.enum(feedSorts).optional().catch(undefined),
});

/** Reads the feed's filters from a query string object (req.query); unknown or malformed values are ignored. */
export function parseFeedFilters(query: unknown): FeedFilters {
  const { q, category, area, desk, sort, ...rest } = filtersSchema.parse(typeof query === 'object' && query ? query : {});
  const chosenSort = sort === 'relevance' && !q ? undefined : sort;
  return { ...rest, search: q, categoryId: category, productAreaId: area, deskId: desk, sort: chosenSort ?? (q ? 'relevance' : 'newest') };
}

/** The query string that gives these filters back (with the department and page cursor), for links and the export. */
export function feedSearchParams(filters: FeedFilters, departmentId: string | null, after?: string): URLSearchParams {
  const params = new URLSearchParams();
  const defaultSort: FeedSort = filters.search ? 'relevance' : 'newest';
  const values: [string, string | undefined | null][] = [
    ['q', filters.search],
    ['department', departmentId],
    ['category', filters.categoryId],
    ['area', filters.productAreaId],
    ['severity', filters.severity],
    ['status', filters.status],
    ['desk', filters.deskId],
    ['tag', filters.tag],
    ['from', filters.from],
    ['to', filters.to],
    ['sort', filters.sort === defaultSort ? undefined : filters.sort],
    ['after', after],
  ];
  for (const [name, value] of values) if (value) params.set(name, value);
  return params;
}
