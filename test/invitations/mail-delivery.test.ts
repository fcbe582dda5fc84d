import { randomUUID } from 'node:crypto';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { deliverDueMessages } from '../../src/invitations/mail-delivery';
import { queueMessages, type OutgoingMessage } from '../../src/invitations/outbox';
import { buildAssignment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => t.dataSource.query('DELETE FROM outbox_messages'));

const from = 'Frontline <frontline@example.test>';

function messages(count: number, prefix = 'person'): OutgoingMessage[] {
  return Array.from({ length: count }, (_, index) => ({ to: `${prefix}${index}@example.test`, subject: `Message ${index}`, body: `Body ${index}` }));
}

const queue = (batch: OutgoingMessage[]) => t.dataSource.transaction((manager) => queueMessages(manager, batch));

interface ComposedAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** A transport that composes each message for real (as JSON) and remembers whom it went to, with what attached. */
function recordingTransport(): { transport: Transporter; recipients: string[]; attachmentsTo: Map<string, ComposedAttachment[]> } {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const recipients: string[] = [];
  const attachmentsTo = new Map<string, ComposedAttachment[]>();
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: SendMailOptions) => {
    const info = await send(mail);
    const composed = JSON.parse(info.message as string) as {
      from: { address: string };
      to: { address: string }[];
      text: string;
      attachments?: ComposedAttachment[];
    };
    expect(composed.from.address).toBe('frontline@example.test');
    for (const { address } of composed.to) {
      recipients.push(address);
      attachmentsTo.set(address, composed.attachments ?? []);
    }
    return info;
  }) as typeof transport.sendMail;
  return { transport, recipients, attachmentsTo };
}

function refusingTransport(reason: string): Transporter {
  return nodemailer.createTransport({
    name: 'refusing',
    version: '1',
    send: (_mail, callback) => callback(new Error(reason), undefined),
  });
}

const outbox = (): Promise<{ to_address: string; sent_at: Date | null; attempts: number; last_error: string | null; due_later: boolean }[]> =>
  t.dataSource.query(`SELECT to_address, sent_at, attempts, last_error, next_attempt_at > now() AS due_later FROM outbox_messages ORDER BY id`);

describe('mail delivery', () => {
  it('sends due messages and marks them sent, which the outbox page shows', async () => {
    await queue(messages(3));
    const { transport, recipients } = recordingTransport();
    expect(await deliverDueMessages(t.dataSource, transport, from)).toEqual({ sent: 3, failed: 0 });
    expect(recipients.sort()).toEqual(['person0@example.test', 'person1@example.test', 'person2@example.test']);
    const rows = await outbox();
    expect(rows.every((row) => row.sent_at !== null && row.last_error === null && row.attempts === 1)).toBe(true);

    expect(await deliverDueMessages(t.dataSource, transport, from)).toEqual({ sent: 0, failed: 0 });
    expect(recipients).toHaveLength(3);

    const hr = await buildHr(t.dataSource);
    const page = await (await signIn(t.app, hr.email)).get('/hr/outbox');
    expect(page.text).toContain('Sent ');
    expect(page.text).toContain('0 pending.');
  });

  it('records a failure on the message and retries it later', async () => {
    await queue(messages(1));
    expect(await deliverDueMessages(t.dataSource, refusingTransport('550 mailbox unavailable'), from)).toEqual({ sent: 0, failed: 1 });
    expect(await outbox()).toEqual([expect.objectContaining({ sent_at: null, attempts: 1, last_error: '550 mailbox unavailable', due_later: true })]);

    const hr = await buildHr(t.dataSource);
    const page = await (await signIn(t.app, hr.email)).get('/hr/outbox');
    expect(page.text).toContain('attempt 1 failed (550 mailbox unavailable)');

    const { transport, recipients } = recordingTransport();
    expect(await deliverDueMessages(t.dataSource, transport, from)).toEqual({ sent: 0, failed: 0 });
    await t.dataSource.query(`UPDATE outbox_messages SET next_attempt_at = now() - interval '1 second'`);
    expect(await deliverDueMessages(t.dataSource, transport, from)).toEqual({ sent: 1, failed: 0 });
    expect(recipients).toEqual(['person0@example.test']);
    expect(await outbox()).toEqual([expect.objectContaining({ attempts: 2, last_error: null })]);
  });

  it('writes an assignment’s calendar into the email as it is sent, and keeps a message whose assignment is gone for HR to see', async () => {
    const berlin = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
    const desk = await buildDesk(t.dataSource, { siteId: berlin.id, workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00' });
    const programme = await buildProgramme(t.dataSource, { lengthWeeks: 1 });
    const employee = await buildEmployee(t.dataSource, { siteId: berlin.id });
    const assignmentId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2027-W05', weeks: 1 });
    const rotation = (assignmentCalendar: string): OutgoingMessage => ({
      to: assignmentCalendar === assignmentId ? 'rotating@example.test' : 'gone@example.test',
      subject: 'Your rotation',
      body: 'The attached calendar file has your shifts.',
      attachments: [{ filename: 'rotation.ics', contentType: 'text/calendar; charset=utf-8', assignmentCalendar }],
    });
    await queue([rotation(assignmentId), rotation(randomUUID())]);
    const { transport, recipients, attachmentsTo } = recordingTransport();

    expect(await deliverDueMessages(t.dataSource, transport, from)).toEqual({ sent: 1, failed: 1 });

    expect(recipients).toEqual(['rotating@example.test']);
    const [calendar, ...others] = attachmentsTo.get('rotating@example.test')!;
    expect(others).toEqual([]);
    expect(calendar).toMatchObject({ filename: 'rotation.ics', contentType: 'text/calendar; charset=utf-8' });
    expect(calendar.content).toContain('BEGIN:VCALENDAR');
    expect(calendar.content.match(/BEGIN:VEVENT/g)).toHaveLength(5);
    expect(calendar.content).toContain('DTSTART;TZID=Europe/Berlin:20270201T090000');
    expect(await outbox()).toEqual([
      expect.objectContaining({ to_address: 'rotating@example.test', last_error: null }),
      expect.objectContaining({ to_address: 'gone@example.test', sent_at: null, last_error: 'There is no such assignment.', due_later: true }),
    ]);
  });

  it('never sends a message twice when several deliverers run at once', async () => {
    await queue(messages(45));
    const deliverers = [recordingTransport(), recordingTransport(), recordingTransport()];
    const drain = async (transport: Transporter) => {
      while ((await deliverDueMessages(t.dataSource, transport, from)).sent > 0);
    };
    await Promise.all(deliverers.map(({ transport }) => drain(transport)));
    const sent = deliverers.flatMap(({ recipients }) => recipients);
    expect(sent).toHaveLength(45);
    expect(new Set(sent).size).toBe(45);
    expect((await outbox()).every((row) => row.sent_at !== null)).toBe(true);
  });
});
