// Move and swap requests as rows: reading them for the pages, locking one for a step, and recording a step.
import type { EntityManager } from 'typeorm';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { NotFound } from '../http/errors';

export type RequestKind = 'move' | 'swap';
export type RequestStatus = 'pending-colleague' | 'pending-hr' | 'approved' | 'declined' | 'refused' | 'withdrawn';

export const requestStatusLabels: Record<RequestStatus, string> = {
  'pending-colleague': 'waiting for the colleague',
  'pending-hr': 'waiting for HR',
  approved: 'done',
  declined: 'declined',
  refused: 'refused',
  withdrawn: 'withdrawn',
};

export interface AssignmentRequest {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  summary: string;
  note: string | null;
  decisionReason: string | null;
  decidedByName: string | null;
  createdAt: Date;
  requesterId: string;
  requesterName: string;
  assignmentId: string;
  assignmentVersion: number;
  targetDeskId: string | null;
  targetWeek: string | null;
  counterpartAssignmentId: string | null;
  counterpartVersion: number | null;
  counterpartEmployeeId: string | null;
  counterpartName: string | null;
}

const selectRequest = `
  SELECT r.id, r.kind, r.status, r.summary, r.note, r.decision_reason AS "decisionReason", r.decided_by_name AS "decidedByName",
         r.created_at AS "createdAt", r.requester_id AS "requesterId", requester.full_name AS "requesterName",
         r.assignment_id AS "assignmentId", r.assignment_version AS "assignmentVersion",
         r.target_desk_id AS "targetDeskId", r.target_week AS "targetWeek",
         r.counterpart_assignment_id AS "counterpartAssignmentId", r.counterpart_version AS "counterpartVersion",
         r.counterpart_employee_id AS "counterpartEmployeeId", counterpart.full_name AS "counterpartName"
    FROM assignment_requests r
    JOIN employees requester ON requester.id = r.requester_id
    LEFT JOIN employees counterpart ON counterpart.id = r.counterpart_employee_id`;

/** The request, locked until the transaction ends. */
export async function lockRequest(manager: EntityManager, id: string): Promise<AssignmentRequest> {
  const [row]: AssignmentRequest[] = await manager.query(`${selectRequest} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
  if (!row) throw new NotFound('There is no such request.');
  return row;
}

const recentLimit = 50;

/** The person's requests: those they made and those that ask them, newest first. */
export async function requestsOf(manager: EntityManager, employeeId: string): Promise<{ sent: AssignmentRequest[]; received: AssignmentRequest[] }> {
  const query = (column: string): Promise<AssignmentRequest[]> =>
    manager.query(`${selectRequest} WHERE r.${column} = $1 ORDER BY r.created_at DESC, r.id LIMIT ${recentLimit}`, [employeeId]);
  return { sent: await query('requester_id'), received: await query('counterpart_employee_id') };
}

/** What HR sees: requests waiting for them (oldest first), then the latest others. */
export async function requestsForHr(manager: EntityManager): Promise<{ waiting: AssignmentRequest[]; recent: AssignmentRequest[] }> {
  return {
    waiting: await manager.query(`${selectRequest} WHERE r.status = 'pending-hr' ORDER BY r.created_at, r.id`),
    recent: await manager.query(`${selectRequest} WHERE r.status <> 'pending-hr' ORDER BY r.created_at DESC, r.id LIMIT ${recentLimit}`),
  };
}

export interface NewRequest {
  kind: RequestKind;
  requesterId: string;
  assignmentId: string;
  assignmentVersion: number;
  target?: { deskId: string; week: string };
  counterpart?: { assignmentId: string; version: number; employeeId: string };
  status: RequestStatus;
  summary: string;
  note: string | null;
}

export async function insertRequest(manager: EntityManager, actor: AuditActor, request: NewRequest): Promise<string> {
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO assignment_requests (kind, requester_id, assignment_id, assignment_version, target_desk_id, target_week,
                                      counterpart_assignment_id, counterpart_version, counterpart_employee_id, status, summary, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      request.kind,
      request.requesterId,
      request.assignmentId,
      request.assignmentVersion,
      request.target?.deskId ?? null,
      request.target?.week ?? null,
      request.counterpart?.assignmentId ?? null,
      request.counterpart?.version ?? null,
      request.counterpart?.employeeId ?? null,
      request.status,
      request.summary,
      request.note,
    ],
  );
  await recordAudit(manager, actor, {
    entityType: 'swap-request',
    entityId: id,
    action: 'requested',
    summary: `${actor.name} asked: ${request.summary}`,
    after: { kind: request.kind, status: request.status, ...(request.note ? { note: request.note } : {}) },
  });
  return id;
}

/** Moves a request to its next status, with who decided and why, and the audit entry for the step. */
export async function setRequestStatus(
  manager: EntityManager,
  actor: AuditActor,
  request: AssignmentRequest,
  step: { status: RequestStatus; action: string; reason?: string | null },
): Promise<void> {
  const decided = step.status !== 'pending-hr';
  await manager.query(
    `UPDATE assignment_requests
        SET status = $2, decision_reason = coalesce($3, decision_reason), decided_by_name = CASE WHEN $4 THEN $5 ELSE decided_by_name END,
            decided_at = CASE WHEN $4 THEN now() ELSE decided_at END, updated_at = now()
      WHERE id = $1`,
    [request.id, step.status, step.reason ?? null, decided, actor.name],
  );
  await recordAudit(manager, actor, {
    entityType: 'swap-request',
    entityId: request.id,
    action: step.action,
    summary: `${actor.name} ${step.action} the request “${request.summary}”${step.reason ? `: ${step.reason}` : ''}`,
    before: { status: request.status },
    after: { status: step.status, ...(step.reason ? { reason: step.reason } : {}) },
  });
}
