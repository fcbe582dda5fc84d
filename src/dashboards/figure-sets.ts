// Who stands behind each dashboard figure, as one SQL definition per figure: the dashboard counts it (by department,
// or in all for who is away) and the drill-down lists it page by page, so the number and the list always agree. Each
// definition selects one row per person (employee_id, department_id, then what the list shows) and reads :today and
// :departmentIds; the hours figure also reads :fromMonday and :toMonday, the Mondays of the first and last week it covers.
import type { AssignmentStatus } from '../schedule/assignment-status';
import { activeOnToday, inScope, isoWeekOf, liveProgrammes, mondayOf, programmeApplies } from './dashboard-sql';

export const figureKeys = ['active', 'completed', 'new-hires', 'onboarded', 'overdue', 'hours', 'away'] as const;
export type FigureKey = (typeof figureKeys)[number];

export interface OverdueProgramme {
  programme: string;
  /** The last week an on-time rotation could have started. */
  dueWeek: string;
  /** The first week of the person's scheduled or in-progress rotation; null when not placed. */
  placedWeek: string | null;
}

/** What the drill-down shows of each person, besides their name and department. */
export interface FigureDetails {
  active: { hireDate: string };
  completed: { programmeName: string; endedOn: string };
  'new-hires': { hireDate: string; latestStartWeek: string; startedWeek: string | null; onTime: boolean };
  onboarded: FigureDetails['new-hires'];
  overdue: { overdue: OverdueProgramme[] };
  hours: { hours: number; shifts: number };
  away: { programmeName: string; deskName: string; startsOn: string; endsOn: string; status: AssignmentStatus };
}

const activePeople = `
  SELECT e.id AS employee_id, e.department_id, to_char(e.hire_date, 'YYYY-MM-DD') AS "hireDate"
    FROM employees e
   WHERE ${activeOnToday()} AND ${inScope()}`;

// A rotation counts in the 12 months its last day falls in, the day the planner counts the next one from.
const completedPeople = `
  SELECT DISTINCT ON (e.id) e.id AS employee_id, e.department_id, p.name AS "programmeName", to_char(a.ends_on, 'YYYY-MM-DD') AS "endedOn"
    FROM assignments a
    JOIN employees e ON e.id = a.employee_id
    JOIN programmes p ON p.id = a.programme_id
   WHERE a.status = 'completed' AND a.ends_on > (:today::date - interval '12 months')::date AND a.ends_on <= :today::date
     AND ${activeOnToday()} AND ${inScope()}
   ORDER BY e.id, a.ends_on DESC`;

// New hires of the last 12 months that an onboarding programme applies to. On time: their onboarding rotation
// began (it is in progress or completed) no later than the hire week plus the programme's start-within weeks.
const newHires = `
  SELECT e.id AS employee_id, e.department_id, to_char(e.hire_date, 'YYYY-MM-DD') AS "hireDate",
         ${isoWeekOf('min(w.latest_start)')} AS "latestStartWeek",
         ${isoWeekOf('min(s.started_on)')} AS "startedWeek",
         coalesce(bool_or(${mondayOf('s.started_on')} <= w.latest_start), false) AS "onTime"
    FROM employees e
    JOIN (${liveProgrammes}) p ON p.kind = 'onboarding' AND ${programmeApplies()}
   CROSS JOIN LATERAL (SELECT ${mondayOf('e.hire_date')} + 7 * p.start_within_weeks AS latest_start) w
    LEFT JOIN LATERAL (SELECT min(a.starts_on) AS started_on FROM assignments a
                        WHERE a.employee_id = e.id AND a.programme_id = p.id AND a.status IN ('in-progress', 'completed')) s ON true
   WHERE e.hire_date > (:today::date - interval '12 months')::date AND ${activeOnToday()} AND ${inScope()}
   GROUP BY e.id, e.department_id, e.hire_date`;

// Overdue, with the planner's due dates (plan-runs/planning-people.ts, planner/due-candidates.ts): a rotation that
// has ended counts as rotated, even while it waits for late logging or HR's decision. Onboarding is due by the hire
// week plus start-within weeks (until a rotation of that programme has ended); a recurring programme every N months
// after the last day of the person's latest ended rotation, or after the hire date. A person is overdue for a
// programme when
// - not placed: that due week is over and they have no scheduled or running rotation of it, or
// - placed, not completed: they have one, but a rotation started in the due week would already have ended.
const overduePeople = `
  WITH rotated AS (
    SELECT a.employee_id, max(a.ends_on) AS last_end, array_agg(a.programme_id) AS programme_ids
      FROM assignments a
     WHERE a.status = 'completed' OR (a.status = 'in-progress' AND a.ends_on < :today::date)
     GROUP BY a.employee_id
  ), placed AS (
    SELECT a.employee_id, a.programme_id, min(a.first_week) AS first_week
      FROM assignments a
     WHERE a.status = 'scheduled' OR (a.status = 'in-progress' AND a.ends_on >= :today::date)
     GROUP BY a.employee_id, a.programme_id
  ), due AS (
    SELECT e.id AS employee_id, e.department_id, p.name AS programme, p.length_weeks, pl.first_week AS placed_week,
           CASE WHEN p.kind = 'onboarding' THEN ${mondayOf('e.hire_date')} + 7 * p.start_within_weeks
                ELSE ${mondayOf(`coalesce(r.last_end, e.hire_date) + p.every_months * interval '1 month'`)} END AS due_monday
      FROM employees e
      JOIN (${liveProgrammes}) p ON ${programmeApplies()}
      LEFT JOIN rotated r ON r.employee_id = e.id
      LEFT JOIN placed pl ON pl.employee_id = e.id AND pl.programme_id = p.id
     WHERE ${activeOnToday()} AND ${inScope()}
       AND NOT (p.kind = 'onboarding' AND p.id = ANY(coalesce(r.programme_ids, '{}')))
  )
  SELECT employee_id, department_id,
         json_agg(json_build_object('programme', programme, 'dueWeek', ${isoWeekOf('due_monday')}, 'placedWeek', placed_week)
                  ORDER BY due_monday, programme) AS overdue
    FROM due
   WHERE CASE WHEN placed_week IS NULL THEN due_monday + 7 <= :today::date ELSE due_monday + 7 * length_weeks <= :today::date END
   GROUP BY employee_id, department_id`;

/**
 * Hours and shifts per person and week, for the weeks from :fromMonday to :toMonday (the week of the shift's day at
 * its desk, as the shift pages count weeks), with the person's current department. Shifts are summed per person
 * before people are looked up, and the margins let the index on starts_at narrow the search before zones apply.
 */
export const hoursByPersonAndWeek = `
  SELECT w.employee_id, e.department_id, w.week_monday, w.worked, w.shifts
    FROM (SELECT sh.employee_id, ${mondayOf('sh.starts_at AT TIME ZONE si.time_zone')} AS week_monday,
                 sum(sh.ends_at - sh.starts_at) AS worked, count(*)::int AS shifts
            FROM shifts sh
            JOIN assignments a ON a.id = sh.assignment_id
            JOIN desks dk ON dk.id = a.desk_id
            JOIN sites si ON si.id = dk.site_id
           WHERE sh.starts_at >= :fromMonday::date - 2 AND sh.starts_at < :toMonday::date + 9
             AND ${mondayOf('sh.starts_at AT TIME ZONE si.time_zone')} BETWEEN :fromMonday::date AND :toMonday::date
           GROUP BY 1, 2) w
    JOIN employees e ON e.id = w.employee_id
   WHERE ${inScope()}`;

export const hoursOf = (interval: string): string => `round((extract(epoch FROM sum(${interval})) / 3600)::numeric, 2)::float8`;

const peopleWhoLoggedHours = `
  SELECT employee_id, department_id, ${hoursOf('worked')} AS hours, sum(shifts)::int AS shifts
    FROM (${hoursByPersonAndWeek}) h
   GROUP BY employee_id, department_id`;

// Away on the front line this week: a scheduled or running rotation covering any day of the week :today falls in.
// The planner never overlaps one person's rotations; should two overlap all the same, the earlier one is shown.
const awayThisWeek = `
  SELECT DISTINCT ON (a.employee_id) a.employee_id, e.department_id, p.name AS "programmeName", dk.name AS "deskName",
         to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn", a.status
    FROM assignments a
    JOIN employees e ON e.id = a.employee_id
    JOIN programmes p ON p.id = a.programme_id
    JOIN desks dk ON dk.id = a.desk_id
   WHERE a.status IN ('scheduled', 'in-progress') AND a.starts_on <= ${mondayOf(':today::date')} + 6 AND a.ends_on >= ${mondayOf(':today::date')}
     AND ${inScope()}
   ORDER BY a.employee_id, a.starts_on`;

export const figureSql: Record<FigureKey, string> = {
  active: activePeople,
  completed: completedPeople,
  'new-hires': newHires,
  onboarded: `SELECT * FROM (${newHires}) n WHERE "onTime"`,
  overdue: overduePeople,
  hours: peopleWhoLoggedHours,
  away: awayThisWeek,
};
