// A new password must be long and hard to guess, on both pages that set one: the emailed link and "change password".
import { dictionary } from '@zxcvbn-ts/language-common';
import request from 'supertest';
import { guessablePasswordProblem } from '../../src/auth/guessable-passwords';
import { minimumPasswordLength } from '../../src/auth/passwords';
import { inviteEmployees } from '../../src/invitations/invitations.service';
import { buildEmployee, testPassword } from '../support/factories';
import { csrfTokenFrom, csrfTokenIn, signIn, submitSignIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const commonPasswords = ['password1234', 'qwertyuiop123', '123456789012', 'Password1234', 'frontline2026'];
const demoPassword = 'demo-password-2026';

const passwordHashOf = async (employeeId: string): Promise<string | null> =>
  (await t.dataSource.query(`SELECT password_hash FROM employees WHERE id = $1`, [employeeId]))[0].password_hash;

async function setPasswordPage() {
  const employee = await buildEmployee(t.dataSource, { password: null });
  await t.dataSource.transaction((manager) => inviteEmployees(manager, t.config, [employee]));
  const [{ body }]: { body: string }[] = await t.dataSource.query(`SELECT body FROM outbox_messages WHERE to_address = $1`, [employee.email]);
  const path = /(\/set-password\/[A-Za-z0-9_-]+)/.exec(body)![1];
  const agent = request.agent(t.app);
  const csrf = csrfTokenIn((await agent.get(path)).text);
  const submit = (password: string) => agent.post(path).type('form').send({ _csrf: csrf, newPassword: password, confirmPassword: password });
  return { employee, submit };
}

async function changePasswordPage() {
  const employee = await buildEmployee(t.dataSource);
  const agent = await signIn(t.app, employee.email);
  const csrf = await csrfTokenFrom(agent, '/me/password');
  const submit = (password: string) =>
    agent.post('/me/password').type('form').send({ _csrf: csrf, currentPassword: testPassword, newPassword: password, confirmPassword: password });
  return { employee, submit };
}

describe.each([
  ['the set-password link', setPasswordPage],
  ['the change-password page', changePasswordPage],
])('on %s', (_page, open) => {
  it.each(commonPasswords)('refuses the common password %s with the reason, changing nothing', async (password) => {
    const { employee, submit } = await open();
    const before = await passwordHashOf(employee.id);
    const response = await submit(password);
    expect(response.status).toBe(422);
    expect(response.text).toContain('This password is too common or too easy to guess.');
    expect(await passwordHashOf(employee.id)).toBe(before);
    expect((await submitSignIn(request.agent(t.app), employee.email, password)).status).toBe(401);
  });

  it('says why, in words, and what would help', async () => {
    const { submit } = await open();
    const response = await submit('qwertyuiop123');
    expect(response.text).toContain('It is close to a commonly used password.');
    expect(response.text).toContain('Add more words that are less common.');
  });

  it('still refuses a short password by its length first', async () => {
    const { submit } = await open();
    const response = await submit('password');
    expect(response.status).toBe(422);
    expect(response.text).toContain(`Choose a password of at least ${minimumPasswordLength} characters`);
  });

  it.each([demoPassword, 'a brand new passphrase'])('accepts %s, a long and uncommon password', async (password) => {
    const { employee, submit } = await open();
    expect((await submit(password)).status).toBe(303);
    expect((await submitSignIn(request.agent(t.app), employee.email, password)).status).toBe(303);
  });
});

describe('the rule itself', () => {
  // The common list is what attackers try first: every entry long enough to pass the length rule is refused.
  it('refuses every password of the common-password list that is long enough to be chosen', () => {
    const longEnough = dictionary['passwords-common'].map(String).filter((password) => password.length >= minimumPasswordLength);
    expect(longEnough.length).toBeGreaterThan(100);
    expect(longEnough.filter((password) => guessablePasswordProblem(password) === null)).toEqual([]);
  });

  it('accepts the demo password and the test factories’ password', () => {
    expect(guessablePasswordProblem(demoPassword)).toBeNull();
    expect(guessablePasswordProblem(testPassword)).toBeNull();
  });
});
