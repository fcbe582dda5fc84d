// One assignment as the shift rules see it: its dates and status, the desk's pattern and zone, the programme's
// hours and stages, and the shifts logged on it.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import type { AssignmentSummary } from '../schedule/assignment-status';
import type { StageUnit } from '../rotations/programme-stage.entity';
import type { Shift } from './shift';

export interface ProgrammeStagePlan {
  name: string;
  amount: number;
  unit: StageUnit;
}

export interface Rotation extends AssignmentSummary {
  employeeId: string;
  employeeName: string;
  /** The last of `weeks` that HR added to an incomplete rotation. */
  extendedWeeks: number;
  version: number;
  incompleteSince: string | null;
  completedAt: Date | null;
  expectedHoursPerWeek: number;
  stages: ProgrammeStagePlan[];
  desk: {
    timeZone: string;
    /** ISO 3166-1 alpha-2, for public holidays; blank when unknown. */
    countryCode: string;
    /** ISO weekdays, 1 = Monday. */
    workingDays: number[];
    /** 'HH:mm' */
    startTime: string;
    endTime: string;
  };
}

interface RotationRow extends Omit<Rotation, 'desk'> {
  timeZone: string;
  countryCode: string;
  workingDays: number[];
  startTime: string;
  endTime: string;
}

/** The last day its person may still log a shift on a rotation that ends on `endsOn`. */
export function lastLoggingDay(endsOn: string, graceDays: number): string {
  return DateTime.fromISO(endsOn, { zone: 'utc' }).plus({ days: graceDays }).toISODate()!;
}

const selectRotation = `
  SELECT a.id, a.employee_id AS "employeeId", e.full_name AS "employeeName", p.name AS "programmeName", d.name AS "deskName",
         a.first_week AS "firstWeek", a.weeks, a.extended_weeks AS "extendedWeeks", to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
         a.status, a.version, to_char(a.incomplete_since, 'YYYY-MM-DD') AS "incompleteSince", a.completed_at AS "completedAt",
         p.expected_hours_per_week AS "expectedHoursPerWeek",
         coalesce((SELECT json_agg(json_build_object('name', st.name, 'amount', st.amount, 'unit', st.unit) ORDER BY st.position)
                     FROM programme_stages st WHERE st.programme_id = p.id), '[]') AS stages,
         s.time_zone AS "timeZone", btrim(s.country_code) AS "countryCode", d.working_days AS "workingDays",
         to_char(d.start_time, 'HH24:MI') AS "startTime", to_char(d.end_time, 'HH24:MI') AS "endTime"
    FROM assignments a
    JOIN employees e ON e.id = a.employee_id
    JOIN programmes p ON p.id = a.programme_id
    JOIN desks d ON d.id = a.desk_id
    JOIN sites s ON s.id = d.site_id`;

function toRotation({ timeZone, countryCode, workingDays, startTime, endTime, ...row }: RotationRow): Rotation {
  return { ...row, desk: { timeZone, countryCode, workingDays, startTime, endTime } };
}

/** The rotation; with `lock`, its assignment row stays locked until the transaction ends. */
export async function loadRotation(manager: EntityManager, assignmentId: string, lock = false): Promise<Rotation> {
  const rows: RotationRow[] = await manager.query(`${selectRotation} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [assignmentId]);
  if (!rows[0]) throw new NotFound('There is no such rotation.');
  return toRotation(rows[0]);
}

/** A person's rotations, latest first. */
export async function loadRotationsOf(manager: EntityManager, employeeId: string): Promise<Rotation[]> {
  const rows: RotationRow[] = await manager.query(`${selectRotation} WHERE a.employee_id = $1 ORDER BY a.starts_on DESC`, [employeeId]);
  return rows.map(toRotation);
}

export const shiftColumns = `sh.id, sh.assignment_id AS "assignmentId", sh.employee_id AS "employeeId", sh.starts_at AS "startsAt",
  sh.ends_at AS "endsAt", sh.channel, sh.contacts, sh.stage, sh.notes, sh.absence_confirmed AS "absenceConfirmed", sh.version`;

/** The shifts logged on one rotation, earliest first. */
export async function loadShifts(manager: EntityManager, assignmentId: string): Promise<Shift[]> {
  return manager.query(`SELECT ${shiftColumns} FROM shifts sh WHERE sh.assignment_id = $1 ORDER BY sh.starts_at`, [assignmentId]);
}

/** The days a person is recorded absent between from and to (ISO dates, both included). */
export async function absentDays(manager: EntityManager, employeeId: string, from: string, to: string): Promise<Set<string>> {
  const rows: { day: string }[] = await manager.query(
    `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day
       FROM absences a, generate_series(greatest(a.starts_on, $2::date), least(a.ends_on, $3::date), interval '1 day') AS day
      WHERE a.employee_id = $1 AND a.starts_on <= $3::date AND a.ends_on >= $2::date`,
    [employeeId, from, to],
  );
  return new Set(rows.map((row) => row.day));
}
