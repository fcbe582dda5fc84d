import { buildEmployee, buildHr } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hr: Agent;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

const stored = async () => (await t.dataSource.query(`SELECT reminder_days_before, swaps_need_approval FROM organisation_settings`))[0];

async function submit(agent: Agent, fields: Record<string, string>) {
  const token = await csrfTokenFrom(agent, '/hr/settings');
  return agent.post('/hr/settings').type('form').send({ _csrf: token, ...fields });
}

describe('programme settings', () => {
  it('start with reminders a week ahead and swaps needing approval', async () => {
    const page = await hr.get('/hr/settings');
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="7"');
    expect(page.text).toMatch(/name="swapsNeedApproval" value="yes" checked/);
  });

  it('are saved and audited', async () => {
    const response = await submit(hr, { reminderDaysBefore: '10' });
    expect(response.status).toBe(303);
    expect((await hr.get('/hr/settings')).text).toContain('Settings saved.');
    expect(await stored()).toEqual({ reminder_days_before: 10, swaps_need_approval: false });
    const [entry] = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_type = 'settings'`);
    expect(entry.before).toEqual({ reminderDaysBefore: 7, swapsNeedApproval: true });
    expect(entry.after).toEqual({ reminderDaysBefore: 10, swapsNeedApproval: false });
  });

  it('refuse a reminder outside 1 to 60 days and keep what was saved', async () => {
    const before = await stored();
    for (const value of ['0', '61', 'soon']) {
      const response = await submit(hr, { reminderDaysBefore: value, swapsNeedApproval: 'yes' });
      expect(response.status).toBe(422);
      expect(response.text).toMatch(/Reminders go at (least 1|most 60) day|whole number of days/);
    }
    expect(await stored()).toEqual(before);
  });

  it('are for HR only', async () => {
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    expect((await employee.get('/hr/settings')).status).toBe(403);
    const token = await csrfTokenFrom(employee, '/me');
    expect((await employee.post('/hr/settings').type('form').send({ _csrf: token, reminderDaysBefore: '3' })).status).toBe(403);
  });
});
