// Writes notices, each with its outbox message (whose .ics is written when it is sent) and its audit entry, in the
// caller's transaction. A notice whose dedupe key was already used is dropped, so every occasion is told once.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordAuditEntries, type AuditActor } from '../audit/audit-log';
import type { MailAttachment } from '../invitations/outbox';

export type NoticeKind = 'published' | 'changed' | 'cancelled' | 'reminder' | 'eve-of-first-shift' | 'insight-answer' | 'learnings-digest';

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

const chunkSize = 5000;

/** Gives the number of notices queued: those whose dedupe key was new. */
export async function queueNotices(manager: EntityManager, drafts: NoticeDraft[]): Promise<number> {
  let queued = 0;
  for (let start = 0; start < drafts.length; start += chunkSize) {
    const fresh = await insertNoticesWithMessages(manager, drafts.slice(start, start + chunkSize));
    if (!fresh.length) continue;
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

/** Saves the drafts whose dedupe key is new, each with its outbox message; gives those saved. */
async function insertNoticesWithMessages(manager: EntityManager, drafts: NoticeDraft[]): Promise<FreshNotice[]> {
  const notices = drafts.map((draft) => ({ id: randomUUID(), draft }));
  // Each draft draws its message id up front, so that one statement saves a notice already pointing at its message
  // and writes messages only for the notices saved. ON CONFLICT waits for a concurrent transaction holding the same
  // key, then skips the row if that one commits.
  const inserted: { id: string }[] = await manager.query(
    `WITH drafts AS (
       SELECT u.*, nextval(pg_get_serial_sequence('outbox_messages', 'id')) AS message_id
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
              AS u(id, employee_id, assignment_id, kind, dedupe_key, subject, body, to_address, attachments)
     ), told AS (
       INSERT INTO notices (id, employee_id, assignment_id, kind, dedupe_key, subject, body, outbox_message_id)
       SELECT id, employee_id, assignment_id, kind, dedupe_key, subject, body, message_id FROM drafts
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, outbox_message_id
     ), messages AS (
       INSERT INTO outbox_messages (id, to_address, subject, body, attachments) OVERRIDING SYSTEM VALUE
       SELECT told.outbox_message_id, drafts.to_address, drafts.subject, drafts.body, drafts.attachments
         FROM told JOIN drafts ON drafts.id = told.id
     )
     SELECT id FROM told`,
    [
      notices.map((notice) => notice.id),
      notices.map((notice) => notice.draft.employeeId),
      notices.map((notice) => notice.draft.assignmentId),
      notices.map((notice) => notice.draft.kind),
      notices.map((notice) => notice.draft.dedupeKey),
      notices.map((notice) => notice.draft.subject),
      notices.map((notice) => notice.draft.body),
      notices.map((notice) => notice.draft.to),
      notices.map((notice) => JSON.stringify(calendarAttachments(notice.draft.assignmentId))),
    ],
  );
  const insertedIds = new Set(inserted.map((row) => row.id));
  return notices.filter((notice) => insertedIds.has(notice.id));
}

function calendarAttachments(assignmentId: string): MailAttachment[] {
  return [{ filename: 'rotation.ics', contentType: 'text/calendar; charset=utf-8', assignmentCalendar: assignmentId }];
}
