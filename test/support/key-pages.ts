// The pages issue 8 names as key, with whom each is opened as: the page-cost test checks them on a seeded
// organisation, and the HTTP benchmark loads them at 100,000 employees.
import type { DataSource } from 'typeorm';

export type Persona = 'employee' | 'head' | 'hr';

export interface KeyPage {
  name: string;
  persona: Persona;
  /** One address, or several taken in turn (the search's varied queries). */
  paths: string[];
}

/** Who signs in, and the ids the pages' addresses need, found in a seeded organisation. */
export interface KeyPageTargets {
  emails: Record<Persona, string>;
  assignmentId: string;
  deskId: string;
  planRunId: string;
  departmentId: string;
}

/** Rare and common words of the seeded insights' vocabulary, so that the search is measured over both. */
export const searchQueries = [
  'hold music', 'refund', 'barcode scanner', 'invoice', 'courier', 'wishlist', 'firmware', 'discount code', 'overheats',
  '"wrong currency"', 'paperless billing', 'screen reader',
];

export function keyPages(targets: KeyPageTargets): KeyPage[] {
  const feed = '/head/learnings';
  return [
    { name: 'Baseline (12 rows, same layout)', persona: 'employee', paths: ['/baseline'] },
    { name: 'Employee home', persona: 'employee', paths: ['/me'] },
    { name: 'My rotations', persona: 'employee', paths: ['/me/rotations'] },
    { name: 'Shift log form', persona: 'employee', paths: [`/me/shifts/new?assignment=${targets.assignmentId}`] },
    { name: 'HR plan preview', persona: 'hr', paths: [`/hr/plan-runs/${targets.planRunId}`] },
    { name: 'Desk calendar', persona: 'hr', paths: [`/desks/${targets.deskId}/calendar`] },
    { name: 'Learnings feed, filtered', persona: 'head', paths: [`${feed}?department=${targets.departmentId}&status=new&severity=severe`] },
    { name: 'Learnings search', persona: 'head', paths: searchQueries.map((query) => `${feed}?q=${encodeURIComponent(query)}`) },
    { name: 'Department figures', persona: 'head', paths: [`${feed}/figures?department=${targets.departmentId}`] },
    { name: 'Department dashboard', persona: 'head', paths: ['/head/dashboard'] },
    { name: 'HR dashboard', persona: 'hr', paths: ['/hr/dashboard'] },
  ];
}

/**
 * Picks the people and ids from a seeded organisation: HR, the head of the department with the most insights, and an
 * employee whose rotation is under way (so the shift form has something to log against). Needs a draft plan run.
 */
export async function findKeyPageTargets(dataSource: DataSource): Promise<KeyPageTargets> {
  const [hr] = await dataSource.query(`SELECT email FROM employees WHERE 'hr' = ANY (roles) ORDER BY email LIMIT 1`);
  const [head] = await dataSource.query(
    `SELECT e.email, h.department_id AS "departmentId"
       FROM department_heads h JOIN employees e ON e.id = h.employee_id
      ORDER BY (SELECT count(*) FROM insight_departments r WHERE r.department_id = h.department_id) DESC, e.email
      LIMIT 1`,
  );
  const [rotation] = await dataSource.query(
    `SELECT a.id, a.desk_id AS "deskId", e.email
       FROM assignments a JOIN employees e ON e.id = a.employee_id
      WHERE a.status IN ('scheduled', 'in-progress') AND current_date BETWEEN a.starts_on AND a.ends_on AND (e.termination_date IS NULL OR e.termination_date > current_date)
      ORDER BY a.starts_on DESC, a.id
      LIMIT 1`,
  );
  const [planRun] = await dataSource.query(`SELECT id FROM plan_runs WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`);
  const missing = Object.entries({ 'an HR user': hr, 'a head': head, 'a rotation under way': rotation, 'a draft plan run': planRun })
    .filter(([, found]) => !found)
    .map(([what]) => what);
  if (missing.length) throw new Error(`The organisation lacks ${missing.join(', ')}.`);
  return {
    emails: { employee: rotation.email, head: head.email, hr: hr.email },
    assignmentId: rotation.id,
    deskId: rotation.deskId,
    planRunId: planRun.id,
    departmentId: head.departmentId,
  };
}
