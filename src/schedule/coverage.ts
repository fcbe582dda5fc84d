// The coverage report: per desk and week, how many hosts the schedule gives it against its capacity, and the
// weeks that fall below the desk's wished-for minimum.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { IsoWeek } from '../planner';
import { weekDates, weekOf } from './week-dates';

export interface CoverageCell {
  week: IsoWeek;
  hosted: number;
  capacity: number;
  /** Below the desk's minimum in a week it is open. */
  underMinimum: boolean;
  full: boolean;
}

export interface CoverageRow {
  deskId: string;
  deskName: string;
  minimumHosts: number | null;
  cells: CoverageCell[];
  weeksUnderMinimum: number;
}

/** `count` consecutive ISO weeks from `first`. */
export function weeksFrom(first: IsoWeek, count: number): IsoWeek[] {
  const monday = DateTime.fromISO(weekDates(first, 1).startsOn, { zone: 'utc' });
  return Array.from({ length: count }, (_, index) => weekOf(monday.plus({ weeks: index }).toISODate()!));
}

export async function deskCoverage(manager: EntityManager, weeks: IsoWeek[]): Promise<CoverageRow[]> {
  const mondays = weeks.map((week) => weekDates(week, 1).startsOn);
  const desks: { id: string; name: string; weekly_capacity: number; minimum_hosts: number | null }[] = await manager.query(
    `SELECT id, name, weekly_capacity, minimum_hosts FROM desks WHERE archived_at IS NULL ORDER BY lower(name), id`,
  );
  const overrides: { desk_id: string; week: string; capacity: number }[] = await manager.query(
    `SELECT desk_id, week, capacity FROM desk_capacity_overrides WHERE week = ANY($1::text[])`,
    [weeks],
  );
  // Completed ones count too, so a range reaching into the past shows who was there.
  const hosted: { desk_id: string; week: string; hosted: number }[] = await manager.query(
    `SELECT a.desk_id, w.week, count(*)::int AS hosted
       FROM unnest($1::text[], $2::date[]) AS w(week, monday)
       JOIN assignments a ON a.starts_on <= w.monday AND a.ends_on >= w.monday
      WHERE a.status IN ('scheduled', 'in-progress', 'completed')
      GROUP BY a.desk_id, w.week`,
    [weeks, mondays],
  );
  const key = (deskId: string, week: string) => `${deskId}|${week}`;
  const capacityOverride = new Map(overrides.map((row) => [key(row.desk_id, row.week), row.capacity]));
  const hostedIn = new Map(hosted.map((row) => [key(row.desk_id, row.week), row.hosted]));
  return desks.map((desk) => {
    const cells = weeks.map((week): CoverageCell => {
      const count = hostedIn.get(key(desk.id, week)) ?? 0;
      const capacity = capacityOverride.get(key(desk.id, week)) ?? desk.weekly_capacity;
      return { week, hosted: count, capacity, underMinimum: desk.minimum_hosts !== null && capacity > 0 && count < desk.minimum_hosts, full: count >= capacity };
    });
    return { deskId: desk.id, deskName: desk.name, minimumHosts: desk.minimum_hosts, cells, weeksUnderMinimum: cells.filter((cell) => cell.underMinimum).length };
  });
}
