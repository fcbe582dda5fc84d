// SQL pieces the dashboard's queries share. Queries name their parameters (:today, :departmentIds), since one
// figure's definition is reused inside counting and listing queries that add parameters of their own.
import type { EntityManager } from 'typeorm';

export type SqlParameters = Record<string, unknown>;

/** Runs `sql` with `:name` parameters (never name one after a type: `::date` must stay a cast). */
export function queryNamed<T>(manager: EntityManager, sql: string, parameters: SqlParameters): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query(text, values);
}

/** The Monday of the ISO week a date or timestamp falls in, as a date. */
export const mondayOf = (expression: string): string => `date_trunc('week', (${expression})::timestamp)::date`;

/** An ISO week label such as 2027-W05 for a date. */
export const isoWeekOf = (expression: string): string => `to_char(${expression}, 'IYYY-"W"IW')`;

/**
 * Employed on :today, as people/employee-status.ts's "active" (hired, and the termination date, the last working
 * day, not passed); written against a parameter so that every figure of one page counts from the same day.
 */
export const activeOnToday = (alias = 'e'): string =>
  `(${alias}.hire_date <= :today::date AND (${alias}.termination_date IS NULL OR ${alias}.termination_date >= :today::date))`;

export const inScope = (alias = 'e'): string => `${alias}.department_id = ANY(:departmentIds::uuid[])`;

/** Programmes not archived, each with the departments it is limited to (none: every department). */
export const liveProgrammes = `
  SELECT p.*, coalesce(pd.department_ids, '{}') AS department_ids
    FROM programmes p
    LEFT JOIN (SELECT programme_id, array_agg(department_id) AS department_ids FROM programme_departments GROUP BY programme_id) pd
      ON pd.programme_id = p.id
   WHERE p.archived_at IS NULL`;

/**
 * A programme (a row of liveProgrammes) applies to a person as the planner decides (planner/due-candidates.ts): open to
 * their department, not exempted, and for onboarding not limited to later hires.
 */
export const programmeApplies = (programme = 'p', employee = 'e'): string => `(
  (cardinality(${programme}.department_ids) = 0 OR ${employee}.department_id = ANY(${programme}.department_ids))
  AND (${programme}.applies_to_hires_from IS NULL OR ${programme}.applies_to_hires_from <= ${employee}.hire_date)
  AND NOT EXISTS (SELECT 1 FROM programme_exemptions x WHERE x.programme_id = ${programme}.id AND x.employee_id = ${employee}.id))`;
