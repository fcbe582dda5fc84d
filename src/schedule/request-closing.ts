// Ends the open move and swap requests about assignments that have just changed: they were asked about a
// schedule that no longer exists, so they are refused with the reason rather than left to fail later.
import type { EntityManager } from 'typeorm';
import { recordAuditEntries, type AuditActor } from '../audit/audit-log';

export const openRequestStatuses = ['pending-colleague', 'pending-hr'] as const;

export async function refuseOpenRequests(manager: EntityManager, actor: AuditActor, assignmentIds: string[], reason: string): Promise<void> {
  if (!assignmentIds.length) return;
  // An UPDATE gives its rows and their count.
  const [refused]: [{ id: string; kind: string; status: string }[], number] = await manager.query(
    `UPDATE assignment_requests r SET status = 'refused', decision_reason = $2, decided_by_name = $3, decided_at = now(), updated_at = now()
       FROM assignment_requests previous
      WHERE previous.id = r.id AND r.status = ANY($4::text[])
        AND (r.assignment_id = ANY($1::uuid[]) OR r.counterpart_assignment_id = ANY($1::uuid[]))
     RETURNING r.id, r.kind, previous.status`,
    [assignmentIds, reason, actor.name, openRequestStatuses],
  );
  await recordAuditEntries(
    manager,
    actor,
    refused.map((request) => ({
      entityType: 'swap-request',
      entityId: request.id,
      action: 'refused',
      summary: `Refused a ${request.kind} request: ${reason}`,
      before: { status: request.status },
      after: { status: 'refused', reason },
    })),
  );
}
