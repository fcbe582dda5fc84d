// Shapes a saved plan run for its preview page: the desk-by-week grid, department peaks and the unplaced list.
import type { EntityManager } from 'typeorm';
import type { PlanFigures, UnplacedReason } from '../planner';
import type { PlanRunSummary } from './plan-runs.service';

export type LoadBand = 'closed' | 'idle' | 'light' | 'busy' | 'full';

export interface GridCell {
  week: string;
  hosted: number;
  capacity: number;
  band: LoadBand;
}

export interface DeskRow {
  deskId: string;
  deskName: string;
  cells: GridCell[];
  averagePercent: number;
}

export const unplacedReasonLabels: Record<UnplacedReason, string> = {
  'no-desk-capacity': 'No desk capacity in their window',
  'department-limit': 'Department limit',
  blackout: 'Department blackout',
  absences: 'Absences',
  'no-eligible-desk': 'No eligible desk',
  'employment-dates': 'Employment dates',
  'other-rotation': 'Another rotation of theirs',
};

export function bandOf(hosted: number, capacity: number): LoadBand {
  if (capacity === 0) return 'closed';
  const share = hosted / capacity;
  if (share === 0) return 'idle';
  if (share < 0.5) return 'light';
  if (share < 1) return 'busy';
  return 'full';
}

export async function deskGrid(manager: EntityManager, figures: PlanFigures): Promise<{ weeks: string[]; rows: DeskRow[] }> {
  const deskIds = [...new Set(figures.deskWeeks.map((cell) => cell.deskId))];
  const names: { id: string; name: string }[] = deskIds.length ? await manager.query(`SELECT id, name FROM desks WHERE id = ANY($1::uuid[])`, [deskIds]) : [];
  const nameOf = new Map(names.map((desk) => [desk.id, desk.name]));
  const weeks = [...new Set(figures.deskWeeks.map((cell) => cell.week))].sort();
  const rows = deskIds.map((deskId): DeskRow => {
    const cells = figures.deskWeeks
      .filter((cell) => cell.deskId === deskId)
      .sort((a, b) => a.week.localeCompare(b.week))
      .map((cell) => ({ week: cell.week, hosted: cell.hosted, capacity: cell.capacity, band: bandOf(cell.hosted, cell.capacity) }));
    const hosted = cells.reduce((sum, cell) => sum + cell.hosted, 0);
    const capacity = cells.reduce((sum, cell) => sum + cell.capacity, 0);
    return { deskId, deskName: nameOf.get(deskId) ?? 'A deleted desk', cells, averagePercent: capacity ? Math.round((100 * hosted) / capacity) : 0 };
  });
  rows.sort((a, b) => a.deskName.localeCompare(b.deskName));
  return { weeks, rows };
}

export interface DepartmentPeak {
  departmentName: string;
  limit: number;
  peakOnRotation: number;
  peakWeek: string | null;
}

export async function departmentPeaks(manager: EntityManager, figures: PlanFigures): Promise<DepartmentPeak[]> {
  const departments: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM departments ORDER BY name`);
  return departments.flatMap((department) => {
    const weeks = figures.departmentWeeks.filter((cell) => cell.departmentId === department.id);
    if (!weeks.length) return [];
    const peak = weeks.reduce((best, cell) => (cell.onRotation > best.onRotation ? cell : best));
    return [{ departmentName: department.name, limit: peak.limit, peakOnRotation: peak.onRotation, peakWeek: peak.onRotation > 0 ? peak.week : null }];
  });
}

export interface UnplacedRow {
  employeeId: string;
  fullName: string;
  programmeName: string;
  dueWeek: string;
  reason: UnplacedReason;
  explanation: string;
}

export const unplacedPageSize = 100;

export async function unplacedPage(manager: EntityManager, run: PlanRunSummary, reason: UnplacedReason | undefined, page: number): Promise<{ rows: UnplacedRow[]; total: number }> {
  const filter = reason ? 'AND u.reason = $2' : '';
  const parameters: unknown[] = reason ? [run.id, reason] : [run.id];
  const rows: { employee_id: string; full_name: string; programme_name: string; due_week: string; reason: UnplacedReason; explanation: string }[] = await manager.query(
    `SELECT u.employee_id, e.full_name, p.name AS programme_name, u.due_week, u.reason, u.explanation
       FROM plan_run_unplaced u
       JOIN employees e ON e.id = u.employee_id
       JOIN programmes p ON p.id = u.programme_id
      WHERE u.plan_run_id = $1 ${filter}
      ORDER BY u.due_week, e.full_name, u.employee_id
      LIMIT ${unplacedPageSize} OFFSET ${(page - 1) * unplacedPageSize}`,
    parameters,
  );
  const total = reason ? run.figures.unplacedByReason[reason] : Object.values(run.figures.unplacedByReason).reduce((sum, count) => sum + count, 0);
  return {
    rows: rows.map((row) => ({ employeeId: row.employee_id, fullName: row.full_name, programmeName: row.programme_name, dueWeek: row.due_week, reason: row.reason, explanation: row.explanation })),
    total,
  };
}

export interface ChangeRow {
  kind: 'added' | 'moved' | 'removed';
  fullName: string;
  programmeName: string;
  before: string | null;
  after: string | null;
}

/** The stored change examples with names instead of ids. */
export async function describeChanges(manager: EntityManager, run: PlanRunSummary): Promise<ChangeRow[]> {
  const examples = run.changes.examples;
  if (!examples.length) return [];
  const ids = (pick: (change: (typeof examples)[number]) => (string | undefined)[]) => [...new Set(examples.flatMap(pick).filter((id): id is string => !!id))];
  const [people, programmes, desks] = await Promise.all([
    manager.query(`SELECT id, full_name AS name FROM employees WHERE id = ANY($1::uuid[])`, [ids((c) => [c.personId])]),
    manager.query(`SELECT id, name FROM programmes WHERE id = ANY($1::uuid[])`, [ids((c) => [c.programmeId])]),
    manager.query(`SELECT id, name FROM desks WHERE id = ANY($1::uuid[])`, [ids((c) => [c.before?.deskId, c.after?.deskId])]),
  ]);
  const name = (rows: { id: string; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
  const personName = name(people);
  const programmeName = name(programmes);
  const deskName = name(desks);
  const place = (at: { deskId: string; firstWeek: string } | null) => (at ? `${deskName.get(at.deskId) ?? 'a deleted desk'} from ${at.firstWeek}` : null);
  return examples.map((change) => ({
    kind: change.kind,
    fullName: personName.get(change.personId) ?? 'Someone no longer employed',
    programmeName: programmeName.get(change.programmeId) ?? 'a deleted programme',
    before: place(change.before),
    after: place(change.after),
  }));
}
