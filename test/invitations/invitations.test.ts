import { createHash } from 'node:crypto';
import { inviteEmployees } from '../../src/invitations/invitations.service';
import { queueMessages } from '../../src/invitations/outbox';
import { buildEmployee, buildHr } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hrAgent: Agent;
let hrCsrf: string;
beforeAll(async () => {
  t = await startTestApp({ publicUrl: 'https://frontline.example' });
  const hr = await buildHr(t.dataSource);
  hrAgent = await signIn(t.app, hr.email);
  hrCsrf = await csrfTokenFrom(hrAgent, '/hr');
});
afterAll(() => t.close());

const sendLink = (employeeId: string) => hrAgent.post(`/hr/employees/${employeeId}/invite`).type('form').send({ _csrf: hrCsrf });

const messagesTo = (email: string): Promise<{ subject: string; body: string; sent_at: Date | null }[]> =>
  t.dataSource.query(`SELECT subject, body, sent_at FROM outbox_messages WHERE to_address = $1 ORDER BY id`, [email]);

function linkIn(body: string): { link: string; token: string } {
  const match = /(https:\/\/frontline\.example\/set-password\/([A-Za-z0-9_-]+))/.exec(body);
  if (!match) throw new Error(`No set-password link in: ${body}`);
  return { link: match[1], token: match[2] };
}

describe('sending a set-password link', () => {
  it('puts an email with a single-use link in the outbox and returns HR to the profile', async () => {
    const employee = await buildEmployee(t.dataSource, { fullName: 'Noor Haddad', password: null });
    const response = await sendLink(employee.id);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/hr/employees/${employee.id}`);

    const [message] = await messagesTo(employee.email);
    expect(message.subject).toBe('Choose your Frontline password');
    expect(message.body).toContain('Hello Noor Haddad,');
    expect(message.body).toContain('expires in 7 days');
    expect(message.sent_at).toBeNull();
    const { token } = linkIn(message.body);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('stores only the token’s hash, with a seven-day expiry', async () => {
    const employee = await buildEmployee(t.dataSource, { password: null });
    await sendLink(employee.id);
    const { token } = linkIn((await messagesTo(employee.email))[0].body);

    const rows: { token_hash: string; expires_in_days: number; whole_row: string }[] = await t.dataSource.query(
      `SELECT token_hash, round(extract(epoch FROM expires_at - created_at) / 86400)::int AS expires_in_days, t::text AS whole_row
         FROM set_password_tokens t WHERE employee_id = $1`,
      [employee.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0].expires_in_days).toBe(7);
    expect(rows[0].whole_row).not.toContain(token);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE '%' || $1 || '%'`, [token]);
    expect(n).toBe(0);
  });

  it('voids the earlier link when a new one is sent', async () => {
    const employee = await buildEmployee(t.dataSource, { password: null });
    await sendLink(employee.id);
    await sendLink(employee.id);
    const [first, second] = (await messagesTo(employee.email)).map((message) => linkIn(message.body).token);
    expect(first).not.toBe(second);
    expect((await t.dataSource.query(`SELECT 1 FROM set_password_tokens WHERE employee_id = $1`, [employee.id])).length).toBe(1);
    expect((await hrAgent.get(`/set-password/${first}`)).status).toBe(410);
    expect((await hrAgent.get(`/set-password/${second}`)).status).toBe(200);
  });

  it('invites many people in one call, each with a link of their own', async () => {
    const people = await Promise.all([1, 2, 3].map(() => buildEmployee(t.dataSource, { password: null })));
    await t.dataSource.transaction((manager) => inviteEmployees(manager, t.config, people));
    const tokens = new Set<string>();
    for (const person of people) {
      const messages = await messagesTo(person.email);
      expect(messages).toHaveLength(1);
      expect(messages[0].body).toContain(`Hello ${person.fullName},`);
      tokens.add(linkIn(messages[0].body).token);
    }
    expect(tokens.size).toBe(3);
  });

  it('saves neither tokens nor emails when the caller’s transaction fails', async () => {
    const employee = await buildEmployee(t.dataSource, { password: null });
    await expect(
      t.dataSource.transaction(async (manager) => {
        await inviteEmployees(manager, t.config, [employee]);
        throw new Error('the import failed later');
      }),
    ).rejects.toThrow('the import failed later');
    expect(await messagesTo(employee.email)).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM set_password_tokens WHERE employee_id = $1`, [employee.id])).toEqual([]);
  });

  it('refuses unknown people, people who have left, and anyone but HR', async () => {
    expect((await sendLink('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await sendLink('nobody')).status).toBe(404);
    const leaver = await buildEmployee(t.dataSource, { terminationDate: '2020-06-30' });
    const refused = await sendLink(leaver.id);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('has left');
    expect(await messagesTo(leaver.email)).toEqual([]);

    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    const csrf = await csrfTokenFrom(agent, '/me');
    expect((await agent.post(`/hr/employees/${employee.id}/invite`).type('form').send({ _csrf: csrf })).status).toBe(403);
    expect((await agent.get('/hr/outbox')).status).toBe(403);
    expect(await messagesTo(employee.email)).toEqual([]);
  });
});

describe('the outbox page', () => {
  it('shows each message with its link, and says it is pending', async () => {
    const employee = await buildEmployee(t.dataSource, { password: null });
    await sendLink(employee.id);
    const { link } = linkIn((await messagesTo(employee.email))[0].body);
    const page = await hrAgent.get('/hr/outbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain(employee.email);
    expect(page.text).toContain('Choose your Frontline password');
    expect(page.text).toContain(link);
    expect(page.text).toContain('Pending');
    expect(page.text).toContain('Email is not configured');
  });

  it('is in HR’s navigation', async () => {
    expect((await hrAgent.get('/hr')).text).toContain('href="/hr/outbox"');
  });

  it('shows the newest messages first, fifty to a page', async () => {
    const batch = Array.from({ length: 60 }, (_, index) => ({ to: `reader${index}@example.test`, subject: `Paged message ${index}`, body: 'Hello' }));
    await t.dataSource.transaction((manager) => queueMessages(manager, batch));
    const first = await hrAgent.get('/hr/outbox');
    expect(first.text).toContain('Paged message 59');
    expect(first.text).toContain('Paged message 10');
    expect(first.text).not.toContain('Paged message 9<');
    const older = /href="(\/hr\/outbox\?before=\d+)"/.exec(first.text);
    expect(older).not.toBeNull();
    const second = await hrAgent.get(older![1]);
    expect(second.status).toBe(200);
    expect(second.text).toContain('Paged message 9<');
    expect(second.text).toContain('Paged message 0<');
    expect(second.text).not.toContain('Paged message 10<');
    expect(second.text).toContain('href="/hr/outbox"');
  });
});
