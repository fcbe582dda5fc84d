// Writes notices, each with its outbox message carrying the assignment's .ics and its audit entry, in the
// caller's transaction. A notice whose dedupe key was already used is dropped, so every occasion is told once.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordAuditEntries, type AuditActor } from '../audit/audit-log';
import { assignmentIcs } from '../calendars/assignment-ics';
import type { MailAttachment } from '../invitations/outbox';

export type NoticeKind = 'published' | 'changed' | 'cancelled' | 'reminder' | 'eve-of-first-shift';

export interface NoticeDraft {
  kind: NoticeKind;
  /** Names the occasion; a second notice with the same key is never queued. */
  dedupeKey: string;
  assignmentId: string;
  employeeId: string;
  employeeName: string;
  to: string;
  subject: string;
  body: string;
}

export const noticesActor: AuditActor = { id: null, name: 'Frontline notices' };

// Each message carries a calendar of a few dozen events, so fewer rows go in one statement than elsewhere.
const chunkSize = 500;

/** Gives the number of notices queued: those whose dedupe key was new. */
export async function queueNotices(manager: EntityManager, drafts: NoticeDraft[]): Promise<number> {
  let queued = 0;
  for (let start = 0; start < drafts.length; start += chunkSize) {
    const fresh = await insertNewNotices(manager, drafts.slice(start, start + chunkSize));
    if (!fresh.length) continue;
    await queueMessagesOf(manager, fresh);
    await recordAuditEntries(
      manager,
      noticesActor,
      fresh.map(({ id, draft }) => ({
        entityType: 'notice',
        entityId: id,
        action: 'queued',
        summary: `Told ${draft.employeeName}: ${draft.subject}`,
        after: { kind: draft.kind, assignmentId: draft.assignmentId, employeeId: draft.employeeId, to: draft.to, subject: draft.subject },
      })),
    );
    queued += fresh.length;
  }
  return queued;
}

interface FreshNotice {
  id: string;
  draft: NoticeDraft;
}

async function insertNewNotices(manager: EntityManager, drafts: NoticeDraft[]): Promise<FreshNotice[]> {
  const notices = drafts.map((draft) => ({ id: randomUUID(), draft }));
  // ON CONFLICT waits for a concurrent transaction holding the same key, then skips the row if that one commits.
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO notices (id, employee_id, assignment_id, kind, dedupe_key, subject, body)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      notices.map((notice) => notice.id),
      notices.map((notice) => notice.draft.employeeId),
      notices.map((notice) => notice.draft.assignmentId),
      notices.map((notice) => notice.draft.kind),
      notices.map((notice) => notice.draft.dedupeKey),
      notices.map((notice) => notice.draft.subject),
      notices.map((notice) => notice.draft.body),
    ],
  );
  const insertedIds = new Set(inserted.map((row) => row.id));
  return notices.filter((notice) => insertedIds.has(notice.id));
}

async function queueMessagesOf(manager: EntityManager, notices: FreshNotice[]): Promise<void> {
  const calendars = new Map<string, string>();
  const attachments: MailAttachment[][] = [];
  for (const { draft } of notices) {
    let ics = calendars.get(draft.assignmentId);
    if (ics === undefined) calendars.set(draft.assignmentId, (ics = await assignmentIcs(manager, draft.assignmentId)));
    attachments.push([{ filename: 'rotation.ics', contentType: 'text/calendar; charset=utf-8', content: ics }]);
  }
  // The message ids are drawn first, so that each notice can point at its own message within one statement.
  await manager.query(
    `WITH queued AS (
       SELECT u.notice_id, u.to_address, u.subject, u.body, u.attachments,
              nextval(pg_get_serial_sequence('outbox_messages', 'id')) AS message_id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) AS u(notice_id, to_address, subject, body, attachments)
     ), messages AS (
       INSERT INTO outbox_messages (id, to_address, subject, body, attachments) OVERRIDING SYSTEM VALUE
       SELECT message_id, to_address, subject, body, attachments FROM queued
     )
     UPDATE notices SET outbox_message_id = queued.message_id FROM queued WHERE notices.id = queued.notice_id`,
    [
      notices.map((notice) => notice.id),
      notices.map((notice) => notice.draft.to),
      notices.map((notice) => notice.draft.subject),
      notices.map((notice) => notice.draft.body),
      attachments.map((attachment) => JSON.stringify(attachment)),
    ],
  );
}
