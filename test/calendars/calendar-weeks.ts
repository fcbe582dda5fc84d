// Weeks relative to today, so that the tests mean the same whenever they run.
import { DateTime } from 'luxon';

const label = (date: DateTime) => date.toFormat("kkkk-'W'WW");

export function weekFromNow(offset: number): string {
  return label(DateTime.utc().plus({ weeks: offset }));
}

/**
 * The ISO week whose Sunday is next year's European spring-forward day (the last Sunday of March): in Berlin its
 * working days are on CET (UTC+1) and the following week's on CEST (UTC+2).
 */
export function springForwardWeek(): { week: string; fridayBefore: string; mondayAfter: string } {
  const lastOfMarch = DateTime.utc(DateTime.utc().year + 1, 3, 31);
  const sunday = lastOfMarch.minus({ days: lastOfMarch.weekday % 7 });
  return { week: label(sunday), fridayBefore: sunday.minus({ days: 2 }).toISODate()!, mondayAfter: sunday.plus({ days: 1 }).toISODate()! };
}

export async function setStages(dataSource: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, programmeId: string, stages: [string, number, 'weeks' | 'shifts'][]): Promise<void> {
  await dataSource.query(`DELETE FROM programme_stages WHERE programme_id = $1`, [programmeId]);
  for (const [index, [name, amount, unit]] of stages.entries()) {
    await dataSource.query(`INSERT INTO programme_stages (programme_id, position, name, amount, unit) VALUES ($1, $2, $3, $4, $5)`, [programmeId, index + 1, name, amount, unit]);
  }
}
