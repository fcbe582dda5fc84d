// Sends the outbox through SMTP. Several app processes may run this at once: each claims due messages with
// FOR UPDATE SKIP LOCKED and leases them for a while, so no message is sent by two of them.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { assignmentIcs } from '../calendars/assignment-ics';
import type { Config } from '../config';
import type { LiteralAttachment, MailAttachment, OutgoingMessage } from './outbox';

/** Longer than sending a whole batch can take, so a lease never runs out while its process is still sending. */
const leaseMinutes = 15;
const batchSize = 20;
const parallelSends = 5;
const idlePollMs = 10_000;
const longestRetryDelayMinutes = 6 * 60;

export interface DeliveryRound {
  sent: number;
  failed: number;
}

interface ClaimedMessage extends OutgoingMessage {
  id: string;
}

async function claimDueMessages(dataSource: DataSource, limit: number): Promise<ClaimedMessage[]> {
  const [rows]: [ClaimedMessage[], number] = await dataSource.query(
    `UPDATE outbox_messages
        SET attempts = attempts + 1, next_attempt_at = now() + make_interval(mins => $2)
      WHERE id IN (SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, id
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED)
      RETURNING id::text AS id, to_address AS "to", subject, body, attachments`,
    [limit, leaseMinutes],
  );
  return rows;
}

/** A calendar that can no longer be written (its assignment is gone) fails the message like a refused send, for HR to see. */
function writeAttachments(dataSource: DataSource, attachments: MailAttachment[]): Promise<LiteralAttachment[]> {
  return Promise.all(
    attachments.map(async (attachment) =>
      'assignmentCalendar' in attachment
        ? { filename: attachment.filename, contentType: attachment.contentType, content: await assignmentIcs(dataSource.manager, attachment.assignmentCalendar) }
        : attachment,
    ),
  );
}

async function deliverOne(dataSource: DataSource, transport: Transporter, from: string, message: ClaimedMessage): Promise<boolean> {
  try {
    const attachments = await writeAttachments(dataSource, message.attachments ?? []);
    await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.body, attachments });
  } catch (error) {
    // Retries back off: 2, 4, 8 ... minutes after each failed attempt, at most six hours apart.
    await dataSource.query(
      `UPDATE outbox_messages
          SET last_error = $2, next_attempt_at = now() + make_interval(mins => least(power(2, attempts), $3)::int)
        WHERE id = $1`,
      [message.id, (error instanceof Error ? error.message : String(error)).slice(0, 1000), longestRetryDelayMinutes],
    );
    return false;
  }
  await dataSource.query(`UPDATE outbox_messages SET sent_at = now(), last_error = NULL WHERE id = $1`, [message.id]);
  return true;
}

/** Claims up to one batch of due messages and sends them; a failure is recorded on its message for a later retry. */
export async function deliverDueMessages(dataSource: DataSource, transport: Transporter, from: string): Promise<DeliveryRound> {
  const claimed = await claimDueMessages(dataSource, batchSize);
  const round: DeliveryRound = { sent: 0, failed: 0 };
  for (let start = 0; start < claimed.length; start += parallelSends) {
    const outcomes = await Promise.all(claimed.slice(start, start + parallelSends).map((message) => deliverOne(dataSource, transport, from, message)));
    for (const delivered of outcomes) round[delivered ? 'sent' : 'failed'] += 1;
  }
  return round;
}

/**
 * Sends the outbox every few seconds while SMTP_URL is set; without it, messages stay in the outbox for HR.
 * Gives the function that stops the loop, waiting for the batch in flight.
 */
export function startMailDelivery(dataSource: DataSource, config: Config, logger: Logger): () => Promise<void> {
  if (!config.smtpUrl) {
    logger.info('SMTP_URL is not set: emails stay in the outbox, where HR can read them');
    return async () => {};
  }
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const runRound = async () => {
    let delay = idlePollMs;
    try {
      const round = await deliverDueMessages(dataSource, transport, config.mailFrom);
      if (round.failed) logger.warn(round, 'some emails could not be sent; they will be retried');
      else if (round.sent) logger.info(round, 'sent emails from the outbox');
      if (round.sent + round.failed === batchSize) delay = 0;
    } catch (error) {
      logger.error({ err: error }, 'mail delivery failed');
    }
    if (!stopping) timer = setTimeout(() => (inFlight = runRound()), delay);
  };
  inFlight = runRound();

  return async () => {
    stopping = true;
    clearTimeout(timer);
    await inFlight;
    transport.close();
  };
}
