import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../planner';

/** Each department's employees not terminated before `today`: the headcount its share limit is taken of. */
export async function activeHeadcounts(manager: EntityManager, today: IsoDate): Promise<Map<string, number>> {
  const rows: { department_id: string; headcount: number }[] = await manager.query(
    `SELECT department_id, count(*)::int AS headcount
       FROM employees
      WHERE termination_date IS NULL OR termination_date >= $1
      GROUP BY department_id`,
    [today],
  );
  return new Map(rows.map((row) => [row.department_id, row.headcount]));
}
