// Reads what HR edits (desks, programmes, department limits) as the planner's plain data.
import type { EntityManager } from 'typeorm';
import type { IsoDate, PlannerDepartment, PlannerDesk, PlannerProgramme } from '../planner';
import { activeHeadcounts } from './department-headcount';

export interface PlanningModel {
  desks: PlannerDesk[];
  programmes: PlannerProgramme[];
  departments: PlannerDepartment[];
}

/**
 * Active desks and programmes, and every department with its limit and blackout weeks. A department's active
 * headcount counts its employees not terminated before `today`. Rows come in a fixed order, so that the same
 * organisation always gives the planner the same input.
 */
export async function loadPlanningModel(manager: EntityManager, today: IsoDate): Promise<PlanningModel> {
  return {
    desks: await loadDesks(manager),
    programmes: await loadProgrammes(manager),
    departments: await loadDepartments(manager, today),
  };
}

interface DeskRow {
  id: string;
  name: string;
  time_zone: string;
  hostable_site_ids: string[];
  working_days: number[];
  start_time: string;
  end_time: string;
  weekly_capacity: number;
  capacity_overrides: Record<string, number>;
}

async function loadDesks(manager: EntityManager): Promise<PlannerDesk[]> {
  const rows: DeskRow[] = await manager.query(
    `SELECT d.id, d.name, s.time_zone, d.working_days, d.weekly_capacity,
            to_char(d.start_time, 'HH24:MI') AS start_time,
            to_char(d.end_time, 'HH24:MI') AS end_time,
            array(SELECT h.site_id::text FROM desk_hostable_sites h WHERE h.desk_id = d.id ORDER BY h.site_id) AS hostable_site_ids,
            coalesce((SELECT json_object_agg(o.week, o.capacity ORDER BY o.week)
                        FROM desk_capacity_overrides o WHERE o.desk_id = d.id), '{}') AS capacity_overrides
       FROM desks d
       JOIN sites s ON s.id = d.site_id
      WHERE d.archived_at IS NULL
      ORDER BY lower(d.name), d.id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    hostableSiteIds: row.hostable_site_ids.length ? row.hostable_site_ids : null,
    pattern: { days: row.working_days, start: row.start_time, end: row.end_time },
    weeklyCapacity: row.weekly_capacity,
    capacityOverrides: row.capacity_overrides,
  }));
}

interface ProgrammeRow {
  id: string;
  name: string;
  kind: 'onboarding' | 'recurring';
  length_weeks: number;
  department_ids: string[];
  start_within_weeks: number | null;
  applies_to_hires_from: IsoDate | null;
  every_months: number | null;
  early_weeks: number | null;
}

async function loadProgrammes(manager: EntityManager): Promise<PlannerProgramme[]> {
  const rows: ProgrammeRow[] = await manager.query(
    `SELECT p.id, p.name, p.kind, p.length_weeks, p.start_within_weeks, p.every_months, p.early_weeks,
            to_char(p.applies_to_hires_from, 'YYYY-MM-DD') AS applies_to_hires_from,
            array(SELECT pd.department_id::text FROM programme_departments pd WHERE pd.programme_id = p.id ORDER BY pd.department_id) AS department_ids
       FROM programmes p
      WHERE p.archived_at IS NULL
      ORDER BY lower(p.name), p.id`,
  );
  // Each kind leaves the other kind's timing empty; the planner reads only its own kind's fields.
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    lengthWeeks: row.length_weeks,
    departmentIds: row.department_ids.length ? row.department_ids : null,
    startWithinWeeks: row.start_within_weeks ?? 0,
    appliesToHiresFrom: row.applies_to_hires_from,
    everyMonths: row.every_months ?? 0,
    earlyWeeks: row.early_weeks ?? 0,
  }));
}

interface DepartmentRow {
  id: string;
  name: string;
  max_share_percent: number;
  blackout_weeks: string[];
}

async function loadDepartments(manager: EntityManager, today: IsoDate): Promise<PlannerDepartment[]> {
  const headcounts = await activeHeadcounts(manager, today);
  const rows: DepartmentRow[] = await manager.query(
    `SELECT d.id, d.name, d.max_share_percent,
            array(SELECT b.week FROM department_blackout_weeks b WHERE b.department_id = d.id ORDER BY b.week) AS blackout_weeks
       FROM departments d
      ORDER BY lower(d.name), d.id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    activeHeadcount: headcounts.get(row.id) ?? 0,
    maxSharePercent: row.max_share_percent,
    blackoutWeeks: row.blackout_weeks,
  }));
}
