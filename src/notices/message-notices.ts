// Notices that are about no assignment (answers to an insight's author, the heads' weekly digest): a notice and its
// plain outbox message, with the audit entry, in the caller's transaction. A dedupe key already used is dropped.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordAuditEntries } from '../audit/audit-log';
import { noticesActor, type NoticeKind } from './queue-notices';

export type MessageNoticeKind = Extract<NoticeKind, 'insight-answer' | 'learnings-digest'>;

export interface MessageNoticeDraft {
  kind: MessageNoticeKind;
  /** Names the occasion; a second notice with the same key is never queued. */
  dedupeKey: string;
  employeeId: string;
  subject: string;
  body: string;
}

interface QueuedNotice {
  id: string;
  employeeId: string;
  employeeName: string;
  to: string;
  kind: MessageNoticeKind;
  subject: string;
}

/** Gives the number of notices queued: those whose dedupe key was new. */
export async function queueMessageNotices(manager: EntityManager, drafts: MessageNoticeDraft[]): Promise<number> {
  if (!drafts.length) return 0;
  const ids = drafts.map(() => randomUUID());
  // ON CONFLICT waits for a concurrent transaction holding the same key, then skips the row if that one commits.
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO notices (id, employee_id, kind, dedupe_key, subject, body)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [ids, drafts.map((draft) => draft.employeeId), drafts.map((draft) => draft.kind), drafts.map((draft) => draft.dedupeKey), drafts.map((draft) => draft.subject), drafts.map((draft) => draft.body)],
  );
  if (!inserted.length) return 0;
  // The message ids are drawn first, so that each notice can point at its own message within one statement.
  const queued: QueuedNotice[] = await manager.query(
    `WITH queued AS (
       SELECT n.id AS notice_id, n.employee_id, e.full_name, e.email, n.kind, n.subject, n.body,
              nextval(pg_get_serial_sequence('outbox_messages', 'id')) AS message_id
         FROM notices n JOIN employees e ON e.id = n.employee_id
        WHERE n.id = ANY($1::uuid[])
     ), messages AS (
       INSERT INTO outbox_messages (id, to_address, subject, body) OVERRIDING SYSTEM VALUE
       SELECT message_id, email, subject, body FROM queued
     )
     UPDATE notices SET outbox_message_id = queued.message_id FROM queued WHERE notices.id = queued.notice_id
     RETURNING notices.id, queued.employee_id AS "employeeId", queued.full_name AS "employeeName", queued.email AS "to",
               queued.kind, queued.subject`,
    [inserted.map((row) => row.id)],
  );
  await recordAuditEntries(
    manager,
    noticesActor,
    queued.map((notice) => ({
      entityType: 'notice',
      entityId: notice.id,
      action: 'queued',
      summary: `Told ${notice.employeeName}: ${notice.subject}`,
      after: { kind: notice.kind, employeeId: notice.employeeId, to: notice.to, subject: notice.subject },
    })),
  );
  return queued.length;
}
