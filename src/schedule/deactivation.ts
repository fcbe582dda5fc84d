// When a person leaves, the rotations they can no longer finish are cancelled, so the desks' places free up.
import type { EntityManager } from 'typeorm';
import { recordAuditEntries, type AuditActor } from '../audit/audit-log';
import { queueScheduleNotices } from '../notices/schedule-notices';
import type { IsoDate } from '../planner';
import { advanceScheduleVersion } from '../settings/settings.service';
import { describeAssignment, type Assignment } from './assignment-store';
import { refuseOpenRequests } from './request-closing';

/**
 * Cancels the employee's assignments that have not started and would still run after `lastWorkingDay`, in the
 * caller's transaction; those under way are left for HR to decide. Gives how many were cancelled.
 */
export async function cancelFutureAssignments(manager: EntityManager, actor: AuditActor, employeeId: string, lastWorkingDay: IsoDate): Promise<number> {
  const [{ full_name: name }]: { full_name: string }[] = await manager.query(`SELECT full_name FROM employees WHERE id = $1`, [employeeId]);
  const reason = `${name} leaves on ${lastWorkingDay}`;
  const unfinished = (alias: string) => `${alias}.employee_id = $1 AND ${alias}.status IN ('scheduled', 'deferred') AND ${alias}.ends_on > $2`;
  const [{ any }]: { any: boolean }[] = await manager.query(`SELECT EXISTS (SELECT 1 FROM assignments a WHERE ${unfinished('a')}) AS any`, [
    employeeId,
    lastWorkingDay,
  ]);
  if (!any) return 0;
  // The schedule's lock before any assignment's, in the same order as every other schedule change.
  await advanceScheduleVersion(manager);
  // An UPDATE gives its rows and their count.
  const [cancelled]: [(Assignment & { previousStatus: Assignment['status']; previousReason: string | null })[], number] = await manager.query(
    `UPDATE assignments a SET status = 'cancelled', status_reason = $3, version = a.version + 1, updated_at = now()
       FROM desks d, programmes p, assignments previous
      WHERE ${unfinished('a')}
        AND d.id = a.desk_id AND p.id = a.programme_id AND previous.id = a.id
     RETURNING a.id, a.employee_id AS "employeeId", a.desk_id AS "deskId", d.name AS "deskName", p.name AS "programmeName",
               a.first_week AS "firstWeek", a.weeks, a.status, a.status_reason AS "statusReason", previous.status AS "previousStatus",
               previous.status_reason AS "previousReason"`,
    [employeeId, lastWorkingDay, reason],
  );
  await recordAuditEntries(
    manager,
    actor,
    cancelled.map((assignment) => ({
      entityType: 'assignment',
      entityId: assignment.id,
      action: 'cancelled',
      summary: `Cancelled ${name}’s ${assignment.programmeName} from ${assignment.firstWeek}: ${reason}`,
      before: describeAssignment({ ...assignment, status: assignment.previousStatus, statusReason: assignment.previousReason }),
      after: describeAssignment(assignment),
    })),
  );
  // Someone whose rotation was deferred has already been told it is off.
  const told = cancelled.filter((assignment) => assignment.previousStatus === 'scheduled');
  await queueScheduleNotices(
    manager,
    told.map((assignment) => ({
      kind: 'cancelled',
      assignmentId: assignment.id,
      employeeId,
      before: { deskId: assignment.deskId, firstWeek: assignment.firstWeek, weeks: assignment.weeks },
      after: null,
      reason,
    })),
  );
  await refuseOpenRequests(manager, actor, cancelled.map((assignment) => assignment.id), `${reason}.`);
  return cancelled.length;
}
