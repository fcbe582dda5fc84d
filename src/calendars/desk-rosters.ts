// Who is on a desk in a week, counted and listed by PostgreSQL: a big desk hosts hundreds of people a week, too many
// to load whole for a calendar, so the calendar counts them and a week's full roster is read a page at a time.
import type { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../learnings/feed-cursor';
import { statusesNotTakingPlace } from './calendar-assignments';
import { type DeskRosterEntry, weekOfAssignment } from './week-rosters';
import type { CalendarWeek } from './week-window';

export interface DeskWeekLoad {
  label: string;
  people: number;
  capacity: number;
}

/**
 * A condition on `a`: the desk's assignments that take place and overlap the days from `from` to `to` (SQL date
 * expressions). Such a rotation ends no later than `to` plus the desk's longest rotation, which narrows ends_on to a
 * short range of the (desk_id, ends_on) index; that index holds starts_on and status too, so however busy the desk,
 * the rest of the condition is checked without reading the table. The longest rotation is one probe of
 * (desk_id, ends_on - starts_on).
 */
function takingPlaceAtDesk(desk: string, from: string, to: string, excludedStatuses: string): string {
  return `a.desk_id = ${desk}
          AND a.ends_on BETWEEN ${from} AND ${to} + (SELECT max(l.ends_on - l.starts_on) FROM assignments l WHERE l.desk_id = ${desk})
          AND a.starts_on <= ${to} AND a.status <> ALL(${excludedStatuses}::text[])`;
}

interface RosterRow {
  id: string;
  employee_name: string;
  department_name: string;
  programme_name: string;
  first_week: string;
  weeks: number;
}

function toRosterEntry(row: RosterRow, week: CalendarWeek): DeskRosterEntry {
  return {
    assignmentId: row.id,
    employeeName: row.employee_name,
    departmentName: row.department_name,
    programmeName: row.programme_name,
    weekOfAssignment: weekOfAssignment({ firstWeek: row.first_week, weeks: row.weeks }, week.number),
  };
}

/** How many people are on the desk in each of the weeks (consecutive, in order), and its capacity in each. */
export async function deskWeekLoads(manager: EntityManager, deskId: string, weeks: CalendarWeek[]): Promise<DeskWeekLoad[]> {
  // The rotations, cut to the window, are grouped by their first and last day in it: a busy desk's thousands of
  // rotations become a few dozen groups, each matched against the weeks it spans.
  return manager.query(
    `WITH stays AS (
       SELECT greatest(a.starts_on, $5::date) AS first_day, least(a.ends_on, $6::date) AS last_day, count(*) AS people
         FROM assignments a
        WHERE ${takingPlaceAtDesk('$1', '$5::date', '$6::date', '$7')}
        GROUP BY 1, 2
     )
     SELECT w.label, coalesce(sum(s.people), 0)::int AS people, coalesce(o.capacity, d.weekly_capacity) AS capacity
       FROM unnest($2::text[], $3::date[], $4::date[]) WITH ORDINALITY AS w (label, monday, sunday, position)
       JOIN desks d ON d.id = $1
       LEFT JOIN desk_capacity_overrides o ON o.desk_id = d.id AND o.week = w.label
       LEFT JOIN stays s ON s.first_day <= w.sunday AND s.last_day >= w.monday
      GROUP BY w.position, w.label, o.capacity, d.weekly_capacity
      ORDER BY w.position`,
    [
      deskId,
      weeks.map((week) => week.label),
      weeks.map((week) => week.monday),
      weeks.map((week) => week.sunday),
      weeks[0].monday,
      weeks[weeks.length - 1].sunday,
      statusesNotTakingPlace,
    ],
  );
}

/** Weeks with more people than this show their count and a link to their roster instead of the names. */
export const namesListedUpTo = 20;

/** Everyone on the desk in each of the weeks, alphabetically, by week label: for weeks of at most namesListedUpTo. */
export async function deskRosterEntries(manager: EntityManager, deskId: string, weeks: CalendarWeek[]): Promise<Map<string, DeskRosterEntry[]>> {
  const byLabel = new Map(weeks.map((week) => [week.label, [] as DeskRosterEntry[]]));
  if (!weeks.length) return byLabel;
  // The LIMIT keeps each week a range of the desk's index of its own: joined freely, the planner reads the whole desk.
  const rows: (RosterRow & { week: string })[] = await manager.query(
    `SELECT w.label AS week, a.id, e.full_name AS employee_name, dep.name AS department_name, p.name AS programme_name, a.first_week, a.weeks
       FROM unnest($2::text[], $3::date[], $4::date[]) AS w (label, monday, sunday)
      CROSS JOIN LATERAL (
        SELECT a.id, a.employee_id, a.programme_id, a.first_week, a.weeks FROM assignments a
         WHERE ${takingPlaceAtDesk('$1', 'w.monday', 'w.sunday', '$5')}
         LIMIT $6
      ) a
       JOIN employees e ON e.id = a.employee_id
       JOIN departments dep ON dep.id = e.department_id
       JOIN programmes p ON p.id = a.programme_id
      ORDER BY w.label, lower(e.full_name), a.id`,
    [deskId, weeks.map((week) => week.label), weeks.map((week) => week.monday), weeks.map((week) => week.sunday), statusesNotTakingPlace, namesListedUpTo],
  );
  const weekByLabel = new Map(weeks.map((week) => [week.label, week]));
  for (const row of rows) byLabel.get(row.week)!.push(toRosterEntry(row, weekByLabel.get(row.week)!));
  return byLabel;
}

export const rosterPageSize = 100;

export interface DeskRosterPage {
  entries: DeskRosterEntry[];
  /** Where the next page starts, for ?after=; null on the last page. */
  nextCursor: string | null;
  /** False when the page was asked for with a cursor, so that it can link back to the first page. */
  isFirstPage: boolean;
}

/**
 * One page of the desk's roster in a week, alphabetically. The cursor names the last assignment shown; the page
 * continues after that assignment's place in the order. A missing, tampered or unknown cursor gives the first page.
 */
export async function deskRosterPage(manager: EntityManager, deskId: string, week: CalendarWeek, after: unknown): Promise<DeskRosterPage> {
  const [afterId] = decodeCursor(after, ['uuid']) ?? [null];
  // The week's rotations are read first, from the desk's index, and only then their people: left to itself, the
  // planner walks every employee in name order looking for the few on this desk, some seventy times as many rows.
  const rows: RosterRow[] = await manager.query(
    `WITH anchor AS (
       SELECT lower(e.full_name) AS name_key, a.id FROM assignments a JOIN employees e ON e.id = a.employee_id WHERE a.id = $5::uuid
     ),
     in_week AS MATERIALIZED (
       SELECT a.id, a.employee_id, a.programme_id, a.first_week, a.weeks FROM assignments a
        WHERE ${takingPlaceAtDesk('$1', '$2::date', '$3::date', '$4')}
     ),
     page AS (
       SELECT a.*, e.full_name, e.department_id, lower(e.full_name) AS name_key
         FROM in_week a JOIN employees e ON e.id = a.employee_id
        WHERE NOT EXISTS (SELECT FROM anchor) OR (lower(e.full_name), a.id) > (SELECT name_key, id FROM anchor)
        ORDER BY name_key, a.id
        LIMIT ${rosterPageSize + 1}
     )
     SELECT a.id, a.full_name AS employee_name, dep.name AS department_name, p.name AS programme_name, a.first_week, a.weeks
       FROM page a
       JOIN departments dep ON dep.id = a.department_id
       JOIN programmes p ON p.id = a.programme_id
      ORDER BY a.name_key, a.id`,
    [deskId, week.monday, week.sunday, statusesNotTakingPlace, afterId],
  );
  const shown = rows.slice(0, rosterPageSize);
  return {
    entries: shown.map((row) => toRosterEntry(row, week)),
    nextCursor: rows.length > rosterPageSize ? encodeCursor([shown[shown.length - 1].id]) : null,
    isFirstPage: afterId === null,
  };
}
