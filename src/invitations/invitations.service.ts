// Inviting people to Frontline: a set-password link each, by email through the outbox.
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { savePasswordHash } from '../auth/password-change';
import type { Config } from '../config';
import { NotFound, RuleViolation } from '../http/errors';
import { queueMessages, type OutgoingMessage } from './outbox';
import { consumeToken, issueSetPasswordTokens, tokenLifetimeDays, type TokenHolder } from './set-password-tokens';

export interface Invitee {
  id: string;
  fullName: string;
  email: string;
}

function invitationMessage(config: Config, invitee: Invitee, token: string): OutgoingMessage {
  return {
    to: invitee.email,
    subject: 'Choose your Frontline password',
    body: [
      `Hello ${invitee.fullName},`,
      '',
      'Frontline runs our customer-support rotation programme: everyone spends some time on the front line.',
      `Choose your password with this link, then sign in with ${invitee.email}:`,
      '',
      `${config.publicUrl}/set-password/${token}`,
      '',
      `The link works once and expires in ${tokenLifetimeDays} days. If it no longer works, ask HR for a new one.`,
    ].join('\n'),
  };
}

/**
 * Gives each person a new set-password link (voiding their earlier unused ones) and queues the email, in the
 * caller's transaction, in bulk statements so an import can invite 100,000 people at once.
 */
export async function inviteEmployees(manager: EntityManager, config: Config, employees: Invitee[]): Promise<void> {
  if (!employees.length) return;
  const tokens = await issueSetPasswordTokens(
    manager,
    employees.map((employee) => employee.id),
  );
  await queueMessages(
    manager,
    employees.map((employee, index) => invitationMessage(config, employee, tokens[index])),
  );
}

/** Invites one person, as HR's "Send set-password link" button does. */
export async function inviteEmployee(manager: EntityManager, config: Config, employeeId: string): Promise<Invitee> {
  const rows: (Invitee & { hasLeft: boolean })[] = await manager.query(
    `SELECT id, full_name AS "fullName", email, termination_date < current_date AS "hasLeft" FROM employees WHERE id = $1`,
    [employeeId],
  );
  const employee = rows[0];
  if (!employee) throw new NotFound('There is no such employee.');
  if (employee.hasLeft) throw new RuleViolation(`${employee.fullName} has left, so cannot sign in. Reactivate them first.`);
  const invitee = { id: employee.id, fullName: employee.fullName, email: employee.email };
  await inviteEmployees(manager, config, [invitee]);
  return invitee;
}

/** Uses up the token and sets the password; null when the token is unknown, used or expired. */
export async function setPasswordWithToken(manager: EntityManager, token: string, passwordHash: string): Promise<TokenHolder | null> {
  const holder = await consumeToken(manager, token);
  if (!holder) return null;
  await savePasswordHash(manager, holder.employeeId, passwordHash);
  await recordAudit(
    manager,
    { id: holder.employeeId, name: holder.fullName },
    { entityType: 'employee', entityId: holder.employeeId, action: 'password-set', summary: `${holder.fullName} set their password with an emailed link` },
  );
  return holder;
}
