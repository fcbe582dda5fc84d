// Every email Frontline sends is first written here, in the transaction of the change that causes it; the
// delivery loop sends it later when SMTP is configured, and HR can always read it in the app.
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';

export type MailAttachment = LiteralAttachment | AssignmentCalendarAttachment;

export interface LiteralAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * An assignment's .ics, written only when the message is sent. Building one calendar per message inside the
 * transaction that publishes a plan run took minutes for 100,000 people; written at sending time, the file also
 * shows the assignment as it is when the employee receives it, not as it was when the message was queued.
 */
export interface AssignmentCalendarAttachment {
  filename: string;
  contentType: string;
  /** The assignment's id. */
  assignmentCalendar: string;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  body: string;
  attachments?: MailAttachment[];
}

export interface OutboxMessage extends OutgoingMessage {
  id: string;
  attachmentNames: string[];
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export async function queueMessages(manager: EntityManager, messages: OutgoingMessage[]): Promise<void> {
  await bulkInsert(
    manager,
    'outbox_messages',
    [
      { name: 'to_address', type: 'text' },
      { name: 'subject', type: 'text' },
      { name: 'body', type: 'text' },
      { name: 'attachments', type: 'jsonb' },
    ],
    messages.map((message) => [message.to, message.subject, message.body, JSON.stringify(message.attachments ?? [])]),
  );
}

export const outboxPageSize = 50;

export interface OutboxPage {
  messages: OutboxMessage[];
  /** Pass as `before` for the next, older page; null on the last page. */
  olderThan: string | null;
  pendingCount: number;
}

/** Newest first, a page at a time by id, so the thousandth page costs what the first does. */
export async function listOutbox(manager: EntityManager, before: string | null): Promise<OutboxPage> {
  const rows: OutboxMessage[] = await manager.query(
    `SELECT id::text AS id, to_address AS "to", subject, body, created_at AS "createdAt", sent_at AS "sentAt",
            ARRAY(SELECT attachment->>'filename' FROM jsonb_array_elements(attachments) AS attachment) AS "attachmentNames",
            attempts, last_error AS "lastError"
       FROM outbox_messages
      WHERE $1::bigint IS NULL OR id < $1::bigint
      ORDER BY outbox_messages.id DESC
      LIMIT $2`,
    [before, outboxPageSize + 1],
  );
  const [{ count }]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM outbox_messages WHERE sent_at IS NULL`);
  const messages = rows.slice(0, outboxPageSize);
  return { messages, olderThan: rows.length > outboxPageSize ? messages[messages.length - 1].id : null, pendingCount: count };
}
