import nodemailer, { type SendMailOptions } from 'nodemailer';
import { inTransaction } from '../../src/db/transaction';
import { deliverDueMessages } from '../../src/invitations/mail-delivery';
import { queueScheduleNotices, type ScheduleEvent } from '../../src/notices/schedule-notices';
import { buildAssignment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Message {
  id: string;
  subject: string;
  body: string;
  attachments: { filename: string; contentType: string; assignmentCalendar: string }[];
}

const messagesTo = (email: string): Promise<Message[]> =>
  t.dataSource.query(`SELECT id::text AS id, subject, body, attachments FROM outbox_messages WHERE to_address = $1 ORDER BY id`, [email]);

interface DeliveredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** Sends every due message through a transport that composes it (as JSON); gives the attachments each recipient got. */
async function deliverAll(): Promise<Map<string, DeliveredAttachment[]>> {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const delivered = new Map<string, DeliveredAttachment[]>();
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: SendMailOptions) => {
    const info = await send(mail);
    const composed = JSON.parse(info.message as string) as { to: { address: string }[]; attachments?: DeliveredAttachment[] };
    for (const { address } of composed.to) delivered.set(address, composed.attachments ?? []);
    return info;
  }) as typeof transport.sendMail;
  while ((await deliverDueMessages(t.dataSource, transport, 'Frontline <frontline@example.test>')).sent > 0);
  return delivered;
}

async function deliveredCalendarOf(email: string): Promise<string> {
  const attachments = (await deliverAll()).get(email);
  expect(attachments).toEqual([{ filename: 'rotation.ics', contentType: 'text/calendar; charset=utf-8', content: expect.any(String) }]);
  return attachments![0].content;
}

const queue = (events: ScheduleEvent[]) => inTransaction(t.dataSource, (manager) => queueScheduleNotices(manager, events));

async function scheduledRotation(status: 'scheduled' | 'cancelled' = 'scheduled') {
  const berlin = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const desk = await buildDesk(t.dataSource, { siteId: berlin.id, workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00' });
  const programme = await buildProgramme(t.dataSource, { name: `Annual rotation ${desk.name}`, lengthWeeks: 2 });
  const employee = await buildEmployee(t.dataSource, { siteId: berlin.id });
  const assignmentId = await buildAssignment(t.dataSource, {
    employeeId: employee.id,
    programmeId: programme.id,
    deskId: desk.id,
    firstWeek: '2027-W05',
    weeks: 2,
    status,
  });
  return { desk, programme, employee, assignmentId, place: { deskId: desk.id, firstWeek: '2027-W05', weeks: 2 } };
}

describe('notices about the schedule', () => {
  it('tells the employee a rotation is published, in plain words, with the assignment’s calendar attached', async () => {
    const { desk, programme, employee, assignmentId, place } = await scheduledRotation();

    await queue([{ kind: 'published', assignmentId, employeeId: employee.id, before: null, after: place }]);

    const [message, ...others] = await messagesTo(employee.email);
    expect(others).toEqual([]);
    expect(message.subject).toBe(`Your support rotation: ${desk.name}, 2027-W05 to 2027-W06`);
    expect(message.body).toContain(`Hello ${employee.fullName},`);
    expect(message.body).toContain(`You are scheduled for ${programme.name} on the ${desk.name} support desk.`);
    expect(message.body).toContain('Weeks: 2027-W05 to 2027-W06 (Monday 1 February 2027 to Sunday 14 February 2027)');
    expect(message.body).toContain('Hours: Monday to Friday, 09:00-17:00 Europe/Berlin time');
    expect(message.attachments).toEqual([{ filename: 'rotation.ics', contentType: 'text/calendar; charset=utf-8', assignmentCalendar: assignmentId }]);

    const notices = await t.dataSource.query(
      `SELECT kind, subject, outbox_message_id::text AS "messageId" FROM notices WHERE employee_id = $1`,
      [employee.id],
    );
    expect(notices).toEqual([{ kind: 'published', subject: message.subject, messageId: message.id }]);

    const calendar = await deliveredCalendarOf(employee.email);
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(10);
    expect(calendar).toContain('DTSTART;TZID=Europe/Berlin:20270201T090000');
  });

  it('says what changed, before and after, with the reason', async () => {
    const { desk, employee, assignmentId, place } = await scheduledRotation();
    const otherDesk = await buildDesk(t.dataSource, {
      siteId: (await buildSite(t.dataSource, { timeZone: 'Asia/Singapore' })).id,
      workingDays: [1, 3, 5],
      startTime: '08:30',
      endTime: '12:30',
    });
    await t.dataSource.query(
      `UPDATE assignments SET desk_id = $2, first_week = '2027-W09', starts_on = '2027-03-01', ends_on = '2027-03-14', version = version + 1 WHERE id = $1`,
      [assignmentId, otherDesk.id],
    );

    await queue([
      {
        kind: 'changed',
        assignmentId,
        employeeId: employee.id,
        before: place,
        after: { deskId: otherDesk.id, firstWeek: '2027-W09', weeks: 2 },
        reason: 'The Berlin desk is closed for a refit',
      },
    ]);

    const [message] = await messagesTo(employee.email);
    expect(message.subject).toBe(`Your support rotation has changed: now ${otherDesk.name}, 2027-W09 to 2027-W10`);
    expect(message.body).toContain(`Before: ${desk.name}, weeks 2027-W05 to 2027-W06 (Monday 1 February 2027 to Sunday 14 February 2027)`);
    expect(message.body).toContain(`After: ${otherDesk.name}, weeks 2027-W09 to 2027-W10 (Monday 1 March 2027 to Sunday 14 March 2027)`);
    expect(message.body).toContain('Reason: The Berlin desk is closed for a refit');
    expect(message.body).toContain(`Hours at ${otherDesk.name}: Monday, Wednesday and Friday, 08:30-12:30 Asia/Singapore time`);
    expect(await deliveredCalendarOf(employee.email)).toContain('DTSTART;TZID=Asia/Singapore:20270301T083000');
  });

  it('tells of a cancellation with a calendar that withdraws the shifts', async () => {
    const { desk, employee, assignmentId, place } = await scheduledRotation('cancelled');

    await queue([{ kind: 'cancelled', assignmentId, employeeId: employee.id, before: place, after: null, reason: 'Left the company' }]);

    const [message] = await messagesTo(employee.email);
    expect(message.subject).toBe(`Your support rotation is cancelled: ${desk.name}, 2027-W05 to 2027-W06`);
    expect(message.body).toContain(`on ${desk.name}, weeks 2027-W05 to 2027-W06 (Monday 1 February 2027 to Sunday 14 February 2027) is cancelled.`);
    expect(message.body).toContain('Reason: Left the company');
    const calendar = await deliveredCalendarOf(employee.email);
    expect(calendar.match(/STATUS:CANCELLED/g)).toHaveLength(10);
    expect(calendar).not.toContain('STATUS:CONFIRMED');
  });

  it('sends the calendar as the assignment is when the email goes out, not as it was when it was queued', async () => {
    const { employee, assignmentId, place } = await scheduledRotation();
    await queue([{ kind: 'published', assignmentId, employeeId: employee.id, before: null, after: place }]);
    await t.dataSource.query(`UPDATE assignments SET status = 'cancelled', version = version + 1 WHERE id = $1`, [assignmentId]);

    const calendar = await deliveredCalendarOf(employee.email);

    expect(calendar).toContain('STATUS:CANCELLED');
    expect(calendar).not.toContain('STATUS:CONFIRMED');
    expect(calendar).toContain('SEQUENCE:2');
  });

  it('queues one message per event in one call, and an event told twice only once', async () => {
    const first = await scheduledRotation();
    const second = await scheduledRotation();
    const events: ScheduleEvent[] = [first, second].map(({ employee, assignmentId, place }) => ({
      kind: 'published',
      assignmentId,
      employeeId: employee.id,
      before: null,
      after: place,
    }));

    await queue(events);
    await queue(events);

    expect(await messagesTo(first.employee.email)).toHaveLength(1);
    expect(await messagesTo(second.employee.email)).toHaveLength(1);
  });

  it('tells of a new change once the assignment’s version has moved on', async () => {
    const { employee, assignmentId, place } = await scheduledRotation();
    const event: ScheduleEvent = { kind: 'changed', assignmentId, employeeId: employee.id, before: place, after: place };

    await queue([event]);
    await t.dataSource.query(`UPDATE assignments SET version = version + 1 WHERE id = $1`, [assignmentId]);
    await queue([event]);

    expect(await messagesTo(employee.email)).toHaveLength(2);
  });

  it('records each notice in the audit log, by Frontline notices', async () => {
    const { employee, assignmentId, place } = await scheduledRotation();

    await queue([{ kind: 'published', assignmentId, employeeId: employee.id, before: null, after: place }]);

    const [notice] = await t.dataSource.query(`SELECT id, subject FROM notices WHERE employee_id = $1`, [employee.id]);
    const entries = await t.dataSource.query(
      `SELECT actor_id, actor_name, action, summary, after FROM audit_log WHERE entity_type = 'notice' AND entity_id = $1`,
      [notice.id],
    );
    expect(entries).toEqual([
      {
        actor_id: null,
        actor_name: 'Frontline notices',
        action: 'queued',
        summary: `Told ${employee.fullName}: ${notice.subject}`,
        after: expect.objectContaining({ kind: 'published', assignmentId, employeeId: employee.id, to: employee.email }),
      },
    ]);
  });

  it('shows HR the message and its attachment in the outbox', async () => {
    const { employee, assignmentId, place } = await scheduledRotation();
    await queue([{ kind: 'published', assignmentId, employeeId: employee.id, before: null, after: place }]);
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);

    const page = await hr.get('/hr/outbox');

    expect(page.status).toBe(200);
    expect(page.text).toContain(employee.email);
    expect(page.text).toContain('rotation.ics');
  });

  it('sends the email with the .ics file attached', async () => {
    const { employee, assignmentId, place } = await scheduledRotation();
    await queue([{ kind: 'published', assignmentId, employeeId: employee.id, before: null, after: place }]);
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const sent: string[] = [];
    const send = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: SendMailOptions) => {
      const info = await send(mail);
      sent.push((info.message as Buffer).toString());
      return info;
    }) as typeof transport.sendMail;

    await deliverDueMessages(t.dataSource, transport, 'Frontline <frontline@example.test>');

    const email = sent.find((raw) => raw.includes(`To: ${employee.email}`));
    expect(email).toMatch(/Content-Type: text\/calendar; charset=utf-8; name=rotation\.ics/);
    expect(email).toContain('Content-Disposition: attachment; filename=rotation.ics');
  });
});
