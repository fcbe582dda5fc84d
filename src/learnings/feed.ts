// The learnings feed: the insights routed to the scope's departments that are not merged into another (those are
// shown under their target), filtered, searched and sorted, a page at a time by keyset. Every order is served by an
// index of the Learnings migration, the search by the GIN index on insights.search.
import type { EntityManager } from 'typeorm';
import { queryNamed, type SqlParameters } from '../dashboards/dashboard-sql';
import { decodeCursor, encodeCursor, type CursorValueType } from './feed-cursor';
import type { FeedFilters, FeedSort } from './feed-filters';
import { authorVisibleTo } from '../insights/insight-queries';
import type { InsightText } from '../insights/insight';
import { routedWithin, type LearningsScope } from './learnings-scope';
import { utcDayStart } from './periods';

export interface FeedRow extends InsightText {
  /** Contacts that raised it, with its echoes and the insights merged into it. */
  heardContacts: number;
  mergedCount: number;
  createdAt: Date;
  departments: string[];
  tags: string[];
  deskName: string | null;
  /** Null when the viewer may not see who wrote it (a sensitive insight, for anyone but HR). */
  authorName: string | null;
  sensitive: boolean;
}

export interface FeedPage {
  rows: FeedRow[];
  /** How many insights match, counted up to `countLimit`. */
  total: number;
  totalIsCapped: boolean;
  /** Pass as ?after= for the next page; null on the last page. */
  nextCursor: string | null;
}

export const feedPageSize = 25;
/** Counting stops here, so that a broad filter over 500,000 insights stays quick ("1,000 or more"). */
export const countLimit = 1_000;

interface SortKey {
  expression: string;
  type: CursorValueType;
  /** The value as the cursor carries it: exact, so that the next page starts right after this row. */
  cursorText: string;
}

/** The Learnings migration indexes this same expression, so the "most severe" feed reads the index. */
const severityRank = `(CASE i.severity WHEN 'severe' THEN 3 WHEN 'significant' THEN 2 ELSE 1 END)`;

const createdAtKey: SortKey = {
  expression: 'i.created_at',
  type: 'timestamptz',
  cursorText: `to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};
const idKey: SortKey = { expression: 'i.id', type: 'uuid', cursorText: 'i.id::text' };

// Every order is descending and ends with the creation time and id, so pages never overlap or skip rows.
const sortKeys: Record<FeedSort, SortKey[]> = {
  relevance: [{ expression: 'i.rank', type: 'real', cursorText: 'i.rank::text' }, createdAtKey, idKey],
  newest: [createdAtKey, idKey],
  heard: [{ expression: 'i.heard_contacts', type: 'int', cursorText: 'i.heard_contacts::text' }, createdAtKey, idKey],
  severe: [{ expression: severityRank, type: 'int', cursorText: `${severityRank}::text` }, createdAtKey, idKey],
};

interface FeedQuery {
  /** The conditions on the insight `i` other than the search's words. */
  where: string;
  parameters: SqlParameters;
}

const searchWords = `websearch_to_tsquery('english', :search)`;

/** What the orders read of an insight: a search's matches carry it, so that they are ordered without reading more. */
const sortColumns = 'i.id, i.created_at, i.heard_contacts, i.severity';

/**
 * The insights the words find that meet `where`, as the rows `i` the orders read, with their best rank when
 * `ranked`. An insight is also found through the insights merged into it (`found`: few, from their own small index),
 * ranked by its best-matching text; it is left out of the direct matches, so that no insight needs grouping and
 * the orders pick a page from the matches as they come. For a head, `where` holds the routing, which the GIN index
 * on (search, routed departments) answers with the words, so that only the scope's matches are read.
 */
function searchMatches(where: string, ranked: boolean): string {
  const rankOf = (alias: string) => `ts_rank(${alias}.search, ${searchWords})`;
  return `(WITH found AS (
             SELECT m.merged_into_id AS id, max(${rankOf('m')}) AS rank FROM insights m
              WHERE m.merged_into_id IS NOT NULL AND m.search @@ ${searchWords} GROUP BY m.merged_into_id)
           SELECT ${sortColumns}${ranked ? `, ${rankOf('i')} AS rank` : ''} FROM insights i
            WHERE ${where} AND i.search @@ ${searchWords} AND i.id NOT IN (SELECT id FROM found)
           UNION ALL
           SELECT ${sortColumns}${ranked ? `, greatest(found.rank, CASE WHEN i.search @@ ${searchWords} THEN ${rankOf('i')} END) AS rank` : ''}
             FROM found JOIN insights i ON i.id = found.id WHERE ${where}) i`;
}

function feedQuery(scope: LearningsScope, filters: FeedFilters): FeedQuery {
  const conditions = ['i.merged_into_id IS NULL', routedWithin('i', scope.departmentIds)];
  const parameters: SqlParameters = { departmentIds: scope.departmentIds };
  const add = (condition: string, values: SqlParameters) => {
    conditions.push(condition);
    Object.assign(parameters, values);
  };
  if (filters.categoryId) add('i.category_id = :categoryId', { categoryId: filters.categoryId });
  if (filters.productAreaId) add('i.product_area_id = :productAreaId', { productAreaId: filters.productAreaId });
  if (filters.severity) add('i.severity = :severity', { severity: filters.severity });
  if (filters.status) add('i.status = :status', { status: filters.status });
  if (filters.tag) add('EXISTS (SELECT 1 FROM insight_tags tagged WHERE tagged.insight_id = i.id AND tagged.tag = :tag)', { tag: filters.tag });
  if (filters.deskId) {
    add('EXISTS (SELECT 1 FROM shifts fs JOIN assignments fa ON fa.id = fs.assignment_id WHERE fs.id = i.shift_id AND fa.desk_id = :deskId)', {
      deskId: filters.deskId,
    });
  }
  if (filters.from) add('i.created_at >= :fromAt', { fromAt: utcDayStart(filters.from) });
  if (filters.to) add('i.created_at < :untilAt', { untilAt: utcDayStart(filters.to, 1) });
  if (filters.search) parameters.search = filters.search;
  return { where: conditions.join(' AND '), parameters };
}

const rowColumns = `
  i.id, i.summary, i.verbatim, i.situation, c.name AS "categoryName", pa.name AS "productAreaName", i.severity, i.status,
  i.heard_contacts AS "heardContacts", i.created_at AS "createdAt", i.sensitive, i.author_id AS "authorId", au.full_name AS "authorName", dk.name AS "deskName",
  (SELECT count(*)::int FROM insights merged WHERE merged.merged_into_id = i.id) AS "mergedCount",
  array(SELECT t.tag FROM insight_tags t WHERE t.insight_id = i.id ORDER BY t.tag) AS tags,
  array(SELECT d.name FROM insight_departments x JOIN departments d ON d.id = x.department_id WHERE x.insight_id = i.id ORDER BY lower(d.name)) AS departments`;

const rowJoins = `
  JOIN insight_categories c ON c.id = i.category_id
  LEFT JOIN product_areas pa ON pa.id = i.product_area_id
  JOIN employees au ON au.id = i.author_id
  LEFT JOIN shifts s ON s.id = i.shift_id
  LEFT JOIN assignments a ON a.id = s.assignment_id
  LEFT JOIN desks dk ON dk.id = a.desk_id`;

type RawRow = FeedRow & { authorId: string; cursor: string[] };

/**
 * One page of rows after `cursor` (none: the first), in the filters' order. The page's insights are chosen first,
 * and only those 25 joined to what the feed shows of them.
 */
async function readRows(manager: EntityManager, scope: LearningsScope, filters: FeedFilters, cursor: string[] | null, limit: number): Promise<RawRow[]> {
  const { where, parameters } = feedQuery(scope, filters);
  const keys = sortKeys[filters.sort];
  const after = cursor ? ` AND (${keys.map((key) => key.expression).join(', ')}) < (${keys.map((key, index) => `:after${index}::${key.type}`).join(', ')})` : '';
  const afterParameters = Object.fromEntries((cursor ?? []).map((value, index) => [`after${index}`, value]));
  const chosen = filters.search
    ? `FROM ${searchMatches(where, filters.sort === 'relevance')} WHERE TRUE${after}`
    : `FROM insights i WHERE ${where}${after}`;
  const sql = `
    SELECT ${rowColumns}, page.cursor
      FROM (SELECT i.id, ${keys.map((key, index) => `${key.expression} AS key${index}`).join(', ')},
                   ARRAY[${keys.map((key) => key.cursorText).join(', ')}] AS cursor
              ${chosen}
             ORDER BY ${keys.map((key) => `${key.expression} DESC`).join(', ')}
             LIMIT :limit) page
      JOIN insights i ON i.id = page.id ${rowJoins}
     ORDER BY ${keys.map((_key, index) => `page.key${index} DESC`).join(', ')}`;
  const rows: RawRow[] = await queryNamed(manager, sql, { ...parameters, ...afterParameters, limit });
  return rows.map((row) => ({ ...row, authorName: authorVisibleTo(scope.viewer, row) ? row.authorName : null }));
}

function withoutCursor({ cursor: _cursor, authorId: _authorId, ...row }: RawRow): FeedRow {
  return row;
}

/** The page after `after` (a cursor from the address; missing or tampered: the first page). */
export async function findFeedPage(manager: EntityManager, scope: LearningsScope, filters: FeedFilters, after: unknown): Promise<FeedPage> {
  const cursor = decodeCursor(after, sortKeys[filters.sort].map((key) => key.type));
  const rows = await readRows(manager, scope, filters, cursor, feedPageSize + 1);
  const { where, parameters } = feedQuery(scope, filters);
  const [{ total }]: { total: number }[] = await queryNamed(manager, countSql(filters, where), { ...parameters, countLimit: countLimit + 1 });
  const shown = rows.slice(0, feedPageSize);
  return {
    rows: shown.map(withoutCursor),
    total: Math.min(total, countLimit),
    totalIsCapped: total > countLimit,
    nextCursor: rows.length > feedPageSize ? encodeCursor(shown[shown.length - 1].cursor) : null,
  };
}

/** Counts up to :countLimit matches, stopping there rather than gathering every match first. */
function countSql(filters: FeedFilters, where: string): string {
  const matches = filters.search ? searchMatches(where, false) : `insights i WHERE ${where}`;
  return `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${matches} LIMIT :countLimit) matched`;
}

const exportChunkSize = 2000;

/** Every matching insight, chunk by chunk in the feed's order, for the CSV export. */
export async function eachFeedChunk(manager: EntityManager, scope: LearningsScope, filters: FeedFilters, handle: (rows: FeedRow[]) => Promise<void>): Promise<void> {
  let cursor: string[] | null = null;
  for (;;) {
    const rows = await readRows(manager, scope, filters, cursor, exportChunkSize);
    if (rows.length) await handle(rows.map(withoutCursor));
    if (rows.length < exportChunkSize) return;
    cursor = rows[rows.length - 1].cursor;
  }
}
