// "What customers told us", for everyone: the themes that the largest shares of contacts raised in the last weeks,
// across every department, and what the departments planned or did about insights, in their own words. No
// author is ever named here, so sensitive insights are safe on it.
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../planner';
import { loadLearningsFigures, type LearningsFigures } from './figures';
import { lastWeeks, utcDayStart } from './periods';

export interface Outcome {
  insightId: string;
  summary: string;
  status: 'planned' | 'done';
  departments: string[];
  /** The department's comment when it set the status. */
  comment: string;
  answeredAt: Date;
}

export interface ProgrammeLearnings {
  figures: LearningsFigures;
  done: Outcome[];
  planned: Outcome[];
}

const outcomesListed = 10;

/**
 * The latest comment that planned or did each insight in the period, while the insight still stands so. The IN
 * list repeats the partial index's condition, so that the index serves the query whatever plan it gets.
 */
async function recentOutcomes(manager: EntityManager, status: Outcome['status'], since: Date): Promise<Outcome[]> {
  return manager.query(
    `SELECT latest.insight_id AS "insightId", i.summary, i.status, latest.body AS comment, latest.created_at AS "answeredAt",
            array(SELECT d.name FROM insight_departments x JOIN departments d ON d.id = x.department_id WHERE x.insight_id = i.id ORDER BY lower(d.name)) AS departments
       FROM (SELECT DISTINCT ON (c.insight_id) c.insight_id, c.body, c.created_at
               FROM insight_comments c
              WHERE c.status_to = $1 AND c.status_to IN ('planned', 'done') AND c.created_at >= $2
              ORDER BY c.insight_id, c.created_at DESC, c.id DESC) latest
       JOIN insights i ON i.id = latest.insight_id AND i.status = $1 AND i.merged_into_id IS NULL
      ORDER BY latest.created_at DESC, i.id
      LIMIT $3`,
    [status, since, outcomesListed],
  );
}

export async function loadProgrammeLearnings(manager: EntityManager, today: IsoDate): Promise<ProgrammeLearnings> {
  const period = lastWeeks(today);
  const figures = await loadLearningsFigures(manager, { period, departmentIds: null }, null);
  const since = utcDayStart(period.from);
  return { figures, done: await recentOutcomes(manager, 'done', since), planned: await recentOutcomes(manager, 'planned', since) };
}
