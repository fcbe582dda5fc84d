// Desks as the calendars show them, and how many people each may host in a week.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { describeDays } from '../rotations/desk-view';

export interface CalendarDesk {
  id: string;
  name: string;
  siteName: string;
  timeZone: string;
  /** e.g. "Mon–Fri 09:00–17:00" */
  hours: string;
  archived: boolean;
}

export async function findCalendarDesk(manager: EntityManager, id: string): Promise<CalendarDesk> {
  const rows: { id: string; name: string; site_name: string; time_zone: string; working_days: number[]; start_time: string; end_time: string; archived: boolean }[] =
    await manager.query(
      `SELECT d.id, d.name, s.name AS site_name, s.time_zone, d.working_days,
              to_char(d.start_time, 'HH24:MI') AS start_time, to_char(d.end_time, 'HH24:MI') AS end_time,
              d.archived_at IS NOT NULL AS archived
         FROM desks d JOIN sites s ON s.id = d.site_id
        WHERE d.id = $1`,
      [id],
    );
  const row = rows[0];
  if (!row) throw new NotFound('There is no such desk.');
  return {
    id: row.id,
    name: row.name,
    siteName: row.site_name,
    timeZone: row.time_zone,
    hours: `${describeDays(row.working_days)} ${row.start_time}–${row.end_time}`,
    archived: row.archived,
  };
}

/** Each desk's capacity in each of the weeks: its weekly capacity unless HR set another for that week. */
export async function deskCapacities(manager: EntityManager, deskIds: string[], weeks: string[]): Promise<(deskId: string, week: string) => number> {
  const rows: { id: string; weekly_capacity: number; overrides: Record<string, number> }[] = await manager.query(
    `SELECT d.id, d.weekly_capacity,
            coalesce((SELECT json_object_agg(o.week, o.capacity) FROM desk_capacity_overrides o
                       WHERE o.desk_id = d.id AND o.week = ANY($2::text[])), '{}') AS overrides
       FROM desks d WHERE d.id = ANY($1::uuid[])`,
    [deskIds, weeks],
  );
  const byDesk = new Map(rows.map((row) => [row.id, row]));
  return (deskId, week) => {
    const desk = byDesk.get(deskId);
    return desk ? (desk.overrides[week] ?? desk.weekly_capacity) : 0;
  };
}
