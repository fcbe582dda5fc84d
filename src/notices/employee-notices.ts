// What an employee has been told about their rotations.
import type { EntityManager } from 'typeorm';
import type { NoticeKind } from './queue-notices';

export interface EmployeeNotice {
  id: string;
  kind: NoticeKind;
  subject: string;
  body: string;
  createdAt: Date;
}

/** Enough for years of rotations; older notices stay in the outbox HR reads. */
export const employeeNoticeLimit = 100;

/** Newest first. */
export async function listEmployeeNotices(manager: EntityManager, employeeId: string): Promise<EmployeeNotice[]> {
  return manager.query(
    `SELECT id, kind, subject, body, created_at AS "createdAt"
       FROM notices
      WHERE employee_id = $1
      ORDER BY created_at DESC, id DESC
      LIMIT $2`,
    [employeeId, employeeNoticeLimit],
  );
}
