// Single-use links that let a person choose their password. Only each token's SHA-256 is stored: a copy of the
// database cannot be used to take over an account, and a 256-bit random token needs no slow hash.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';

export const tokenLifetimeDays = 7;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** New tokens for these people, voiding their earlier unused ones; the raw tokens in the same order. */
export async function issueSetPasswordTokens(manager: EntityManager, employeeIds: string[]): Promise<string[]> {
  await manager.query(`DELETE FROM set_password_tokens WHERE employee_id = ANY ($1::uuid[]) AND used_at IS NULL`, [employeeIds]);
  const tokens = employeeIds.map(() => randomBytes(32).toString('base64url'));
  const expiresAt = new Date(Date.now() + tokenLifetimeDays * 24 * 60 * 60 * 1000).toISOString();
  await bulkInsert(
    manager,
    'set_password_tokens',
    [
      { name: 'token_hash', type: 'text' },
      { name: 'employee_id', type: 'uuid' },
      { name: 'expires_at', type: 'timestamptz' },
    ],
    employeeIds.map((employeeId, index) => [hashOf(tokens[index]), employeeId, expiresAt]),
  );
  return tokens;
}

export interface TokenHolder {
  employeeId: string;
  fullName: string;
  email: string;
}

const holderColumns = `e.id AS "employeeId", e.full_name AS "fullName", e.email`;

/** Whose password a still-valid token sets, or null for an unknown, used or expired one. */
export async function findTokenHolder(manager: EntityManager, token: string): Promise<TokenHolder | null> {
  const rows: TokenHolder[] = await manager.query(
    `SELECT ${holderColumns} FROM set_password_tokens t JOIN employees e ON e.id = t.employee_id
      WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()`,
    [hashOf(token)],
  );
  return rows[0] ?? null;
}

/** Marks a valid token used and gives its holder; of two concurrent uses only one gets the holder. */
export async function consumeToken(manager: EntityManager, token: string): Promise<TokenHolder | null> {
  const rows: TokenHolder[] = await manager.query(
    `WITH used AS (
       UPDATE set_password_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING employee_id)
     SELECT ${holderColumns} FROM used JOIN employees e ON e.id = used.employee_id`,
    [hashOf(token)],
  );
  return rows[0] ?? null;
}
