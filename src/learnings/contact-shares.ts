// What share of the contacts handled on rotation raised each theme: the contacts that raised an insight (its own,
// its echoes', and those of the insights merged into it, all counted under the insight they were merged into)
// divided by the contacts of every shift in the period. A contribution counts in the period of the UTC day it was
// written (an insight's or an echo's creation); a shift in that of its start. The denominator is every shift's,
// whoever the figures are for: a share says how many customers raised it, not how many reached one department.
import type { EntityManager } from 'typeorm';
import { queryNamed, type SqlParameters } from '../dashboards/dashboard-sql';
import type { InsightStatus } from '../insights/insight';
import type { Stage } from '../shifts/shift';
import { routedWithin } from './learnings-scope';
import { previousPeriod, utcDayStart, type Period } from './periods';

export interface ShareQuery {
  period: Period;
  /** The insights routed to these departments; null for every insight. */
  departmentIds: string[] | null;
}

/** Contacts that raised something, in the period and the one of equal length before it. */
export interface Tally {
  contacts: number;
  previousContacts: number;
  /** Insights written in the period (echoes are not insights). */
  insights: number;
}

export type ThemeDimension = 'category' | 'area' | 'desk' | 'stage' | 'week';

export interface InsightTally extends Tally {
  id: string;
  summary: string;
  status: InsightStatus;
  departments: string[];
}

export interface TagTally extends Tally {
  tag: string;
}

export interface ShareTallies {
  /** Keyed by id (category, area, desk), stage or ISO week; the key '' holds those without one (no area, no shift). */
  byDimension: Record<ThemeDimension, Map<string, Tally>>;
  /** The insights that raised the most contacts in the period, most first, each with its echoes and merged insights. */
  insights: InsightTally[];
  /** Likewise the tags (their insights' tags). */
  tags: TagTally[];
}

export interface ContactsHandled {
  current: number;
  previous: number;
  byDesk: Map<string, number>;
  byStage: Map<Stage, number>;
  byWeek: Map<string, number>;
}

function shareParameters({ period, departmentIds }: ShareQuery): SqlParameters {
  return {
    fromAt: utcDayStart(previousPeriod(period).from),
    splitAt: utcDayStart(period.from),
    untilAt: utcDayStart(period.to, 1),
    departmentIds,
  };
}

const isoWeek = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'IYYY-"W"IW')`;

// Both periods are read at once; `current` tells them apart. Each contribution is joined to its root insight (the
// one it was merged into, or itself), whose category, area, tags and departments it counts under.
const scopedContributions = (departmentIds: string[] | null) => `
  WITH contributions AS (
    SELECT coalesce(i.merged_into_id, i.id) AS root_id, i.contacts_raised AS contacts, i.shift_id, i.created_at AS at, true AS is_insight
      FROM insights i
     WHERE i.created_at >= :fromAt AND i.created_at < :untilAt
    UNION ALL
    SELECT coalesce(i.merged_into_id, i.id), e.contacts, e.shift_id, e.created_at, false
      FROM insight_echoes e JOIN insights i ON i.id = e.insight_id
     WHERE e.created_at >= :fromAt AND e.created_at < :untilAt
  ), scoped AS (
    SELECT c.root_id, c.contacts, c.shift_id, c.at, c.is_insight, c.at >= :splitAt AS current, r.category_id, r.product_area_id
      FROM contributions c JOIN insights r ON r.id = c.root_id
     WHERE ${routedWithin('r', departmentIds)}
  )`;

const tallyColumns = `
  coalesce(sum(contacts) FILTER (WHERE current), 0)::int AS contacts,
  coalesce(sum(contacts) FILTER (WHERE NOT current), 0)::int AS "previousContacts",
  (count(*) FILTER (WHERE current AND is_insight))::int AS insights`;

type TallyRow = Tally & { kind: ThemeDimension | 'insight' | 'tag'; key: string | null };

/**
 * Every tally of the period in one statement, so the period's contributions are read once (the CTE used thrice is
 * materialised): by category, area, desk, stage and week, and the top `limit` insights and tags.
 */
export async function shareTallies(manager: EntityManager, query: ShareQuery, limit: number): Promise<ShareTallies> {
  const rows: TallyRow[] = await queryNamed(
    manager,
    `${scopedContributions(query.departmentIds)}, themes AS (
       SELECT CASE WHEN GROUPING(category_id) = 0 THEN 'category' WHEN GROUPING(product_area_id) = 0 THEN 'area'
                   WHEN GROUPING(desk_id) = 0 THEN 'desk' WHEN GROUPING(stage) = 0 THEN 'stage' ELSE 'week' END AS kind,
              coalesce(category_id::text, product_area_id::text, desk_id::text, stage, week) AS key, ${tallyColumns}
         FROM (SELECT sc.*, a.desk_id, s.stage, ${isoWeek('sc.at')} AS week
                 FROM scoped sc LEFT JOIN shifts s ON s.id = sc.shift_id LEFT JOIN assignments a ON a.id = s.assignment_id) tallied
        GROUP BY GROUPING SETS ((category_id), (product_area_id), (desk_id), (stage), (week))
     ), top_insights AS (
       SELECT 'insight' AS kind, root_id::text AS key, ${tallyColumns} FROM scoped GROUP BY root_id
       HAVING sum(contacts) FILTER (WHERE current) > 0
        ORDER BY 3 DESC, root_id LIMIT :limit
     ), top_tags AS (
       SELECT 'tag' AS kind, t.tag AS key, ${tallyColumns} FROM scoped JOIN insight_tags t ON t.insight_id = scoped.root_id GROUP BY t.tag
       HAVING sum(contacts) FILTER (WHERE current) > 0
        ORDER BY 3 DESC, t.tag LIMIT :limit
     )
     SELECT * FROM themes UNION ALL SELECT * FROM top_insights UNION ALL SELECT * FROM top_tags`,
    { ...shareParameters(query), limit },
  );
  const tally = ({ contacts, previousContacts, insights }: Tally): Tally => ({ contacts, previousContacts, insights });
  const ofKind = (kind: TallyRow['kind']) => rows.filter((row) => row.kind === kind);
  const mostFirst = (a: TallyRow, b: TallyRow) => b.contacts - a.contacts || (a.key ?? '').localeCompare(b.key ?? '');
  const dimension = (kind: ThemeDimension) => new Map(ofKind(kind).map((row) => [row.key ?? '', tally(row)]));
  const topInsights = ofKind('insight');
  const details: Omit<InsightTally, keyof Tally>[] = await manager.query(
    `SELECT r.id, r.summary, r.status,
            array(SELECT d.name FROM insight_departments x JOIN departments d ON d.id = x.department_id WHERE x.insight_id = r.id ORDER BY lower(d.name)) AS departments
       FROM insights r WHERE r.id = ANY($1::uuid[])`,
    [topInsights.map((row) => row.key)],
  );
  return {
    byDimension: { category: dimension('category'), area: dimension('area'), desk: dimension('desk'), stage: dimension('stage'), week: dimension('week') },
    insights: details
      .map((insight) => ({ ...insight, ...tally(topInsights.find((row) => row.key === insight.id)!) }))
      .sort((a, b) => b.contacts - a.contacts || a.summary.localeCompare(b.summary) || a.id.localeCompare(b.id)),
    tags: ofKind('tag').sort(mostFirst).map((row) => ({ tag: row.key!, ...tally(row) })),
  };
}

/** The contacts of every shift in the period (and the one before), and in the period by desk, stage and week. */
export async function contactsHandled(manager: EntityManager, query: ShareQuery): Promise<ContactsHandled> {
  const parameters = shareParameters(query);
  const [totals]: { current: number; previous: number }[] = await queryNamed(
    manager,
    `SELECT coalesce(sum(contacts) FILTER (WHERE starts_at >= :splitAt), 0)::int AS current,
            coalesce(sum(contacts) FILTER (WHERE starts_at < :splitAt), 0)::int AS previous
       FROM shifts WHERE starts_at >= :fromAt AND starts_at < :untilAt`,
    parameters,
  );
  const rows: { deskId: string | null; stage: Stage | null; week: string | null; contacts: number }[] = await queryNamed(
    manager,
    `SELECT a.desk_id::text AS "deskId", s.stage, ${isoWeek('s.starts_at')} AS week, sum(s.contacts)::int AS contacts
       FROM shifts s JOIN assignments a ON a.id = s.assignment_id
      WHERE s.starts_at >= :splitAt AND s.starts_at < :untilAt
      GROUP BY GROUPING SETS ((a.desk_id), (s.stage), (${isoWeek('s.starts_at')}))`,
    parameters,
  );
  return {
    ...totals,
    byDesk: new Map(rows.filter((row) => row.deskId !== null).map((row) => [row.deskId!, row.contacts])),
    byStage: new Map(rows.filter((row) => row.stage !== null).map((row) => [row.stage!, row.contacts])),
    byWeek: new Map(rows.filter((row) => row.week !== null).map((row) => [row.week!, row.contacts])),
  };
}
