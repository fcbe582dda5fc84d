// Subscribable calendar feeds of an employee, a desk or a department, each at an address with a secret token.
// Only the token's SHA-256 is stored: the address is shown once, when it is made, and resetting it voids the old one.
import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { SignedInUser } from '../auth/signed-in-user';
import { Forbidden, NotFound } from '../http/errors';
import { type AssignmentScope, loadCalendarAssignments } from './calendar-assignments';
import { renderIcs } from './ics-calendar';

export type FeedOwnerKind = 'employee' | 'desk' | 'department';

export interface FeedOwner {
  kind: FeedOwnerKind;
  id: string;
}

export interface FeedState {
  createdAt: Date;
  createdByName: string | null;
}

/** Feeds reach back this far, so that a subscription does not grow with every year of the programme. */
const feedHistoryDays = 365;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Employees their own feed, heads their departments' feeds, HR every feed. */
export function mayManageFeed(user: Pick<SignedInUser, 'id' | 'roles' | 'headedDepartmentIds'>, owner: FeedOwner): boolean {
  if (user.roles.includes('hr')) return true;
  if (owner.kind === 'employee') return owner.id === user.id;
  if (owner.kind === 'department') return user.headedDepartmentIds.includes(owner.id);
  return false;
}

/** When the owner's feed address was made, or null while it has none. */
export async function findFeed(manager: EntityManager, owner: FeedOwner): Promise<FeedState | null> {
  const rows: { created_at: Date; created_by_name: string | null }[] = await manager.query(
    `SELECT f.created_at, e.full_name AS created_by_name
       FROM calendar_feeds f LEFT JOIN employees e ON e.id = f.created_by
      WHERE f.owner_kind = $1 AND f.owner_id = $2`,
    [owner.kind, owner.id],
  );
  return rows[0] ? { createdAt: new Date(rows[0].created_at), createdByName: rows[0].created_by_name } : null;
}

/** Makes the owner's feed address, or replaces it so the earlier one stops working; gives the new token. */
export async function issueFeedToken(manager: EntityManager, user: SignedInUser, owner: FeedOwner): Promise<string> {
  if (!mayManageFeed(user, owner)) throw new Forbidden('Only the owner of this calendar can make or reset its feed address.');
  if ((await ownerName(manager, owner)) === null) throw new NotFound();
  const token = randomBytes(32).toString('base64url');
  await manager.query(
    `INSERT INTO calendar_feeds (owner_kind, owner_id, token_hash, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (owner_kind, owner_id)
     DO UPDATE SET token_hash = excluded.token_hash, created_by = excluded.created_by, created_at = now()`,
    [owner.kind, owner.id, hashOf(token), user.id],
  );
  return token;
}

export function feedPath(token: string): string {
  return `/feeds/${token}.ics`;
}

/** The feed a token opens, as iCalendar text; NotFound for an unknown or reset token, or an owner who is gone. */
export async function feedIcs(manager: EntityManager, token: string, today: DateTime = DateTime.utc()): Promise<string> {
  const rows: { owner_kind: FeedOwnerKind; owner_id: string }[] = await manager.query(
    `SELECT owner_kind, owner_id FROM calendar_feeds WHERE token_hash = $1`,
    [hashOf(token)],
  );
  if (!rows[0]) throw new NotFound();
  const owner: FeedOwner = { kind: rows[0].owner_kind, id: rows[0].owner_id };
  const name = await ownerName(manager, owner);
  if (name === null) throw new NotFound();
  const period = { from: today.minus({ days: feedHistoryDays }).toISODate()!, to: '9999-12-31' };
  const assignments = await loadCalendarAssignments(manager, scopeOf(owner), period);
  return renderIcs({
    name: owner.kind === 'employee' ? `Rotations of ${name}` : `Rotations: ${name}`,
    assignments,
    readers: owner.kind === 'employee' ? 'employee' : 'team',
    withdrawn: 'leave-out',
  });
}

function scopeOf(owner: FeedOwner): AssignmentScope {
  if (owner.kind === 'employee') return { employeeId: owner.id };
  if (owner.kind === 'desk') return { deskId: owner.id };
  return { departmentIds: [owner.id] };
}

/** A person who has left no longer has a feed: the address dies with their account. */
async function ownerName(manager: EntityManager, owner: FeedOwner): Promise<string | null> {
  const query = {
    employee: `SELECT full_name AS name FROM employees WHERE id = $1 AND (termination_date IS NULL OR termination_date >= current_date)`,
    desk: `SELECT name FROM desks WHERE id = $1`,
    department: `SELECT name FROM departments WHERE id = $1`,
  }[owner.kind];
  const rows: { name: string }[] = await manager.query(query, [owner.id]);
  return rows[0]?.name ?? null;
}
