// The shifts of every completed and in-progress rotation, written by the database itself a month of rotations at
// a time: a million rows never travel from Node. Each rotation gets a full day on the desk every other working
// day (five in two weeks, 32 to 42 hours), enough to meet the completion share of its 40 expected hours.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

export interface ShiftHistoryOptions {
  today: DateTime;
  /** From -1 to 1: the database's random() is seeded with it, so the same seed logs the same shifts. */
  randomSeed: number;
  onProgress: (done: number, total: number) => void;
}

const insertMonthOfShifts = `
  INSERT INTO shifts (assignment_id, employee_id, starts_at, ends_at, channel, contacts, stage, created_at, updated_at)
  SELECT a.id, a.employee_id, s.starts_at, s.ends_at, s.channel, s.contacts, s.stage, s.ends_at, s.ends_at
    FROM (SELECT a.*, (random() < 0.5)::int AS parity
            FROM assignments a
           WHERE a.status IN ('completed', 'in-progress') AND a.starts_on >= $1 AND a.starts_on < $2
           ORDER BY a.starts_on, a.employee_id) a
    JOIN programmes p ON p.id = a.programme_id
    JOIN desks d ON d.id = a.desk_id
    JOIN sites si ON si.id = d.site_id
   CROSS JOIN LATERAL generate_series(a.starts_on, least(a.ends_on, $3::date - 1), interval '1 day') AS day (at)
   CROSS JOIN LATERAL (
     SELECT CASE WHEN d.name ILIKE '%phone%' AND d.name ILIKE '%chat%' THEN '{phone,chat,chat,email}'::text[]
                 WHEN d.name ILIKE '%phone%' THEN '{phone,phone,phone,email}'::text[]
                 ELSE '{chat,chat,chat,email,social}'::text[] END AS channels,
            (day.at::date + d.start_time + interval '30 minutes' * floor(random() * 2)) AT TIME ZONE si.time_zone AS starts_at
   ) AS local
   CROSS JOIN LATERAL (
     SELECT local.starts_at,
            local.starts_at + interval '30 minutes' * (13 + floor(random() * 5)) AS ends_at,
            local.channels[1 + floor(random() * cardinality(local.channels))::int] AS channel,
            least(40, floor(random() * 21 + random() * 21))::int AS contacts,
            CASE WHEN day.at::date - a.starts_on >= 7 THEN 'solo' WHEN p.kind = 'onboarding' THEN 'shadowing' ELSE 'paired' END AS stage
   ) AS s
   WHERE extract(isodow FROM day.at)::int = ANY (d.working_days) AND (day.at::date - a.starts_on + a.parity) % 2 = 0`;

export async function seedShiftHistory(manager: EntityManager, options: ShiftHistoryOptions): Promise<void> {
  const [{ first }]: { first: string | null }[] = await manager.query(
    `SELECT to_char(min(starts_on), 'YYYY-MM-DD') AS first FROM assignments WHERE status IN ('completed', 'in-progress')`,
  );
  if (!first) return;
  let month = DateTime.fromISO(first).startOf('month');
  const months = Math.floor(options.today.diff(month, 'months').months) + 1;
  await manager.query(`SELECT setseed($1)`, [options.randomSeed]);
  for (let done = 1; month <= options.today; done++, month = month.plus({ months: 1 })) {
    await manager.query(insertMonthOfShifts, [month.toISODate(), month.plus({ months: 1 }).toISODate(), options.today.toISODate()]);
    options.onProgress(done, months);
  }
}
