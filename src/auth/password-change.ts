import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { InvalidField } from '../http/invalid-fields';
import { hashPassword, verifyPassword } from './passwords';
import type { SignedInUser } from './signed-in-user';

export async function savePasswordHash(manager: EntityManager, employeeId: string, passwordHash: string): Promise<void> {
  await manager.query(`UPDATE employees SET password_hash = $2 WHERE id = $1`, [employeeId, passwordHash]);
}

/** Changes the signed-in person's own password after checking the current one. */
export async function changeOwnPassword(
  manager: EntityManager,
  user: Pick<SignedInUser, 'id' | 'fullName'>,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const rows: { password_hash: string | null }[] = await manager.query(
    `SELECT password_hash FROM employees WHERE id = $1 FOR NO KEY UPDATE`,
    [user.id],
  );
  if (!rows[0]) throw new NotFound();
  const currentHash = rows[0].password_hash;
  if (!currentHash || !(await verifyPassword(currentHash, currentPassword))) {
    throw new InvalidField('currentPassword', 'That is not your current password');
  }
  await savePasswordHash(manager, user.id, await hashPassword(newPassword));
  // Never the hashes: the log is read by HR and kept for years.
  await recordAudit(
    manager,
    { id: user.id, name: user.fullName },
    { entityType: 'employee', entityId: user.id, action: 'password-changed', summary: `${user.fullName} changed their password` },
  );
}
