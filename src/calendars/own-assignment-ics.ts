import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { assignmentIcs } from './assignment-ics';

/** The .ics of one of the employee's own assignments; another person's answers NotFound, as if it did not exist. */
export async function ownAssignmentIcs(manager: EntityManager, employeeId: string, assignmentId: string): Promise<string> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM assignments WHERE id = $1 AND employee_id = $2`, [assignmentId, employeeId]);
  if (!rows.length) throw new NotFound();
  return assignmentIcs(manager, assignmentId);
}
