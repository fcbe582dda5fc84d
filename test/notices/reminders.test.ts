import { DateTime } from 'luxon';
import { inTransaction } from '../../src/db/transaction';
import { runReminderJob } from '../../src/notices/notice-jobs';
import { sendDueReminders } from '../../src/notices/reminders';
import { buildAssignment, buildDesk, buildEmployee, buildProgramme, buildSite } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Status = 'scheduled' | 'in-progress' | 'completed' | 'deferred' | 'cancelled';

interface RotationFields {
  employeeTimeZone?: string;
  workingDays?: number[];
  firstWeek?: string;
  status?: Status;
}

/** A two-week rotation on a Berlin desk open 09:00-17:00, in 2027-W05 (Monday 1 February 2027) unless told otherwise. */
async function rotation({ employeeTimeZone = 'Europe/Berlin', workingDays = [1, 2, 3, 4, 5], firstWeek = '2027-W05', status = 'scheduled' }: RotationFields = {}) {
  const desk = await buildDesk(t.dataSource, {
    siteId: (await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' })).id,
    workingDays,
    startTime: '09:00',
    endTime: '17:00',
  });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  const employee = await buildEmployee(t.dataSource, { siteId: (await buildSite(t.dataSource, { timeZone: employeeTimeZone })).id });
  const assignmentId = await buildAssignment(t.dataSource, { employeeId: employee.id, programmeId: programme.id, deskId: desk.id, firstWeek, weeks: 2, status });
  return { desk, employee, assignmentId };
}

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const remindAt = (now: DateTime) => inTransaction(t.dataSource, (manager) => sendDueReminders(manager, now));

interface Told {
  kind: string;
  subject: string;
  body: string;
  attachments: { filename: string; assignmentCalendar: string }[];
}

const noticesOf = (employeeId: string): Promise<Told[]> =>
  t.dataSource.query(
    `SELECT n.kind, m.subject, m.body, m.attachments
       FROM notices n JOIN outbox_messages m ON m.id = n.outbox_message_id
      WHERE n.employee_id = $1 ORDER BY m.id`,
    [employeeId],
  );

async function withReminderDays<T>(days: number, work: () => Promise<T>): Promise<T> {
  await t.dataSource.query(`UPDATE organisation_settings SET reminder_days_before = $1`, [days]);
  try {
    return await work();
  } finally {
    await t.dataSource.query(`UPDATE organisation_settings SET reminder_days_before = DEFAULT`);
  }
}

describe('the reminder N days before a rotation', () => {
  it('is due at 09:00 the employee’s time, N days (the setting) before the first shift, and is sent once however often the job runs', async () => {
    const { desk, employee, assignmentId } = await rotation();

    await withReminderDays(3, async () => {
      await remindAt(at('2027-01-29T08:59:00+01:00'));
      expect(await noticesOf(employee.id)).toEqual([]);

      await remindAt(at('2027-01-29T09:00:00+01:00'));
      await remindAt(at('2027-01-29T09:05:00+01:00'));
      await remindAt(at('2027-01-30T12:00:00+01:00'));
    });

    const [reminder, ...others] = await noticesOf(employee.id);
    expect(others).toEqual([]);
    expect(reminder.kind).toBe('reminder');
    expect(reminder.subject).toBe(`Reminder: your support rotation on ${desk.name} starts on Monday 1 February 2027`);
    expect(reminder.body).toContain('starts on Monday 1 February 2027, in 3 days.');
    expect(reminder.body).toContain('Weeks: 2027-W05 to 2027-W06 (Monday 1 February 2027 to Sunday 14 February 2027)');
    expect(reminder.body).toContain('Hours: Monday to Friday, 09:00-17:00 Europe/Berlin time');
    expect(reminder.attachments).toEqual([expect.objectContaining({ filename: 'rotation.ics', assignmentCalendar: assignmentId })]);
  });

  it('is sent once when two runs race', async () => {
    const { employee } = await rotation({ firstWeek: '2027-W07' });
    const now = at('2027-02-08T10:00:00+01:00');

    await Promise.all([remindAt(now), remindAt(now)]);

    expect((await noticesOf(employee.id)).map((notice) => notice.kind)).toEqual(['reminder']);
  });

  it('is not sent for cancelled or deferred rotations, nor once the first shift has begun', async () => {
    const cancelled = await rotation({ status: 'cancelled', firstWeek: '2027-W09' });
    const deferred = await rotation({ status: 'deferred', firstWeek: '2027-W09' });
    const begun = await rotation({ firstWeek: '2027-W09' });

    await remindAt(at('2027-02-26T10:00:00+01:00'));
    await remindAt(at('2027-03-01T09:00:00+01:00'));

    expect(await noticesOf(cancelled.employee.id)).toEqual([]);
    expect(await noticesOf(deferred.employee.id)).toEqual([]);
    expect((await noticesOf(begun.employee.id)).map((notice) => notice.kind)).toEqual(['reminder']);
  });

  it('is written in the audit log by Frontline notices', async () => {
    const { employee } = await rotation({ firstWeek: '2027-W11' });

    await remindAt(at('2027-03-10T12:00:00+01:00'));

    const entries = await t.dataSource.query(
      `SELECT a.actor_id, a.actor_name, a.action FROM audit_log a JOIN notices n ON n.id = a.entity_id
        WHERE a.entity_type = 'notice' AND n.employee_id = $1`,
      [employee.id],
    );
    expect(entries).toEqual([{ actor_id: null, actor_name: 'Frontline notices', action: 'queued' }]);
  });
});

describe('the reminder on the evening before the first shift', () => {
  it('comes at 18:00 where the employee works, before the desk’s first working day, with the shift in both zones', async () => {
    // The desk opens Wednesday to Friday, so the first shift is Wednesday 3 February 09:00 in Berlin: 03:00 in New York.
    const { desk, employee } = await rotation({ employeeTimeZone: 'America/New_York', workingDays: [3, 4, 5], firstWeek: '2027-W05' });

    await remindAt(at('2027-02-02T18:00:00+01:00'));
    expect((await noticesOf(employee.id)).map((notice) => notice.kind)).toEqual(['reminder']);

    await remindAt(at('2027-02-02T18:00:00-05:00'));
    await remindAt(at('2027-02-02T18:30:00-05:00'));

    const [, evening, ...others] = await noticesOf(employee.id);
    expect(others).toEqual([]);
    expect(evening.kind).toBe('eve-of-first-shift');
    expect(evening.subject).toBe(`Tomorrow: your first shift on ${desk.name}, 09:00-17:00`);
    expect(evening.body).toContain(
      `your first shift on ${desk.name} on Wednesday 3 February 2027, 09:00-17:00 Europe/Berlin time (03:00-11:00 your time, America/New_York).`,
    );
    expect(evening.body).toContain('Hours: Wednesday to Friday, 09:00-17:00 Europe/Berlin time');
  });

  it('is the only reminder for a rotation first seen that evening', async () => {
    const { employee } = await rotation({ firstWeek: '2027-W13' });

    await remindAt(at('2027-03-28T19:00:00+02:00'));

    expect((await noticesOf(employee.id)).map((notice) => notice.kind)).toEqual(['eve-of-first-shift']);
  });
});

describe('the reminder job', () => {
  it('runs once per round, whichever process asks, and records when it is due next', async () => {
    const { employee } = await rotation({ firstWeek: '2027-W15' });
    const now = () => at('2027-04-06T10:00:00+02:00');

    const racing = await Promise.all([runReminderJob(t.dataSource, now), runReminderJob(t.dataSource, now)]);
    const later = await runReminderJob(t.dataSource, now);

    expect(racing.filter((queued) => queued === null)).toHaveLength(1);
    expect(racing.find((queued) => queued !== null)).toBeGreaterThanOrEqual(1);
    expect(later).toBeNull();
    expect((await noticesOf(employee.id)).map((notice) => notice.kind)).toEqual(['reminder']);
    const [job] = await t.dataSource.query(`SELECT run_at > now() AS later, last_error FROM scheduled_jobs WHERE name = 'rotation-reminders'`);
    expect(job).toEqual({ later: true, last_error: null });
  });
});
