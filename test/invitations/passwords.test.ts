import request from 'supertest';
import { inviteEmployees } from '../../src/invitations/invitations.service';
import { buildEmployee } from '../support/factories';
import { csrfTokenFrom, csrfTokenIn, signIn, submitSignIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const newPassword = 'a brand new passphrase';

/** An invited person and the token from their email. */
async function invitedEmployee() {
  const employee = await buildEmployee(t.dataSource, { password: null });
  await t.dataSource.transaction((manager) => inviteEmployees(manager, t.config, [employee]));
  const [{ body }]: { body: string }[] = await t.dataSource.query(`SELECT body FROM outbox_messages WHERE to_address = $1`, [employee.email]);
  const token = /\/set-password\/([A-Za-z0-9_-]+)/.exec(body)![1];
  return { employee, token };
}

async function submitNewPassword(agent: Agent, token: string, password: string, confirmation = password) {
  const form = await agent.get(`/set-password/${token}`);
  return agent
    .post(`/set-password/${token}`)
    .type('form')
    .send({ _csrf: csrfTokenIn(form.text), newPassword: password, confirmPassword: confirmation });
}

const passwordHashOf = async (employeeId: string): Promise<string | null> =>
  (await t.dataSource.query(`SELECT password_hash FROM employees WHERE id = $1`, [employeeId]))[0].password_hash;

describe('setting a password with an emailed link', () => {
  it('sets the password, then the person signs in with it, seeing a notice first', async () => {
    const { employee, token } = await invitedEmployee();
    const agent = request.agent(t.app);
    const form = await agent.get(`/set-password/${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(employee.email);
    expect(form.text).toContain('at least 12 characters');

    const response = await submitNewPassword(agent, token, newPassword);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
    const signInPage = await agent.get('/sign-in');
    expect(signInPage.text).toContain('Your password is set.');
    expect((await agent.get('/sign-in')).text).not.toContain('Your password is set.');

    expect((await submitSignIn(request.agent(t.app), employee.email, newPassword)).status).toBe(303);
    const [entry] = await t.dataSource.query(`SELECT action, actor_id FROM audit_log WHERE entity_id = $1`, [employee.id]);
    expect(entry).toEqual({ action: 'password-set', actor_id: employee.id });
  });

  it('works only once', async () => {
    const { employee, token } = await invitedEmployee();
    const agent = request.agent(t.app);
    expect((await submitNewPassword(agent, token, newPassword)).status).toBe(303);
    const hash = await passwordHashOf(employee.id);

    const again = await agent.get(`/set-password/${token}`);
    expect(again.status).toBe(410);
    expect(again.text).toContain('This link no longer works');
    const csrf = await csrfTokenFrom(agent, '/sign-in');
    const resubmitted = await agent.post(`/set-password/${token}`).type('form').send({
      _csrf: csrf,
      newPassword: 'another long passphrase',
      confirmPassword: 'another long passphrase',
    });
    expect(resubmitted.status).toBe(410);
    expect(await passwordHashOf(employee.id)).toBe(hash);
  });

  it('lets only one of two simultaneous submissions through', async () => {
    const { employee, token } = await invitedEmployee();
    const first = request.agent(t.app);
    const second = request.agent(t.app);
    const [firstForm, secondForm] = await Promise.all([first.get(`/set-password/${token}`), second.get(`/set-password/${token}`)]);
    const responses = await Promise.all([
      first.post(`/set-password/${token}`).type('form').send({ _csrf: csrfTokenIn(firstForm.text), newPassword, confirmPassword: newPassword }),
      second
        .post(`/set-password/${token}`)
        .type('form')
        .send({ _csrf: csrfTokenIn(secondForm.text), newPassword: 'the other passphrase', confirmPassword: 'the other passphrase' }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([303, 410]);
    const winner = responses[0].status === 303 ? newPassword : 'the other passphrase';
    expect((await submitSignIn(request.agent(t.app), employee.email, winner)).status).toBe(303);
  });

  it('refuses an expired link without a hint of why, and sets nothing', async () => {
    const { employee, token } = await invitedEmployee();
    await t.dataSource.query(`UPDATE set_password_tokens SET expires_at = now() - interval '1 minute' WHERE employee_id = $1`, [employee.id]);
    const agent = request.agent(t.app);
    const page = await agent.get(`/set-password/${token}`);
    expect(page.status).toBe(410);
    const unknown = await agent.get('/set-password/this-token-never-existed');
    expect(unknown.status).toBe(410);
    expect(unknown.text).toBe(page.text);
    const csrf = await csrfTokenFrom(agent, '/sign-in');
    const submitted = await agent.post(`/set-password/${token}`).type('form').send({ _csrf: csrf, newPassword, confirmPassword: newPassword });
    expect(submitted.status).toBe(410);
    expect(await passwordHashOf(employee.id)).toBeNull();
  });

  it('asks again for a short or mistyped password, keeping the link usable', async () => {
    const { employee, token } = await invitedEmployee();
    const agent = request.agent(t.app);
    const short = await submitNewPassword(agent, token, 'eleven char');
    expect(short.status).toBe(422);
    expect(short.text).toContain('Choose a password of at least 12 characters');
    const mistyped = await submitNewPassword(agent, token, newPassword, `${newPassword}!`);
    expect(mistyped.status).toBe(422);
    expect(mistyped.text).toContain('The two new passwords are not the same');
    expect(await passwordHashOf(employee.id)).toBeNull();
    expect((await submitNewPassword(agent, token, newPassword)).status).toBe(303);
  });
});

describe('changing one’s own password', () => {
  async function signedInEmployee() {
    const employee = await buildEmployee(t.dataSource);
    const agent = await signIn(t.app, employee.email);
    return { employee, agent, csrf: await csrfTokenFrom(agent, '/me/password') };
  }

  it('changes it after checking the current one, auditing the change without any hash', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const response = await agent
      .post('/me/password')
      .type('form')
      .send({ _csrf: csrf, currentPassword: 'correct horse battery staple', newPassword, confirmPassword: newPassword });
    expect(response.status).toBe(303);
    expect((await agent.get('/me/password')).text).toContain('Your password is changed.');

    expect((await submitSignIn(request.agent(t.app), employee.email, newPassword)).status).toBe(303);
    expect((await submitSignIn(request.agent(t.app), employee.email, 'correct horse battery staple')).status).toBe(401);

    const entries: { action: string; actor_id: string; row: string }[] = await t.dataSource.query(
      `SELECT action, actor_id, a::text AS row FROM audit_log a WHERE entity_type = 'employee' AND entity_id = $1`,
      [employee.id],
    );
    expect(entries).toEqual([expect.objectContaining({ action: 'password-changed', actor_id: employee.id })]);
    expect(entries[0].row).not.toContain('argon2');
    expect(entries[0].row).not.toContain(newPassword);
  });

  it('refuses a wrong current password with a message, changing nothing', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const hash = await passwordHashOf(employee.id);
    const response = await agent
      .post('/me/password')
      .type('form')
      .send({ _csrf: csrf, currentPassword: 'not my password', newPassword, confirmPassword: newPassword });
    expect(response.status).toBe(422);
    expect(response.text).toContain('That is not your current password');
    expect(await passwordHashOf(employee.id)).toBe(hash);
  });

  it('refuses a new password that is short, mistyped or the same as the current one', async () => {
    const { employee, agent, csrf } = await signedInEmployee();
    const hash = await passwordHashOf(employee.id);
    const send = (fields: Record<string, string>) =>
      agent.post('/me/password').type('form').send({ _csrf: csrf, currentPassword: 'correct horse battery staple', ...fields });

    const short = await send({ newPassword: 'too short', confirmPassword: 'too short' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Choose a password of at least 12 characters');
    const mistyped = await send({ newPassword, confirmPassword: 'something else entirely' });
    expect(mistyped.status).toBe(422);
    expect(mistyped.text).toContain('The two new passwords are not the same');
    const same = await send({ newPassword: 'correct horse battery staple', confirmPassword: 'correct horse battery staple' });
    expect(same.status).toBe(422);
    expect(same.text).toContain('The new password must differ from the current one');
    expect(await passwordHashOf(employee.id)).toBe(hash);
  });

  it('needs a signed-in person', async () => {
    const response = await request(t.app).get('/me/password');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fme%2Fpassword');
  });
});
