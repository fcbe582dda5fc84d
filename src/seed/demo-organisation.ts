import type { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { inTransaction } from '../db/transaction';
import { demoPassword, seedOrganisation } from './organisation';

export const demoEmployeeCount = 200;

/** Seeds the demo organisation into an empty database; returns whether it did. */
export async function ensureDemoOrganisation(dataSource: DataSource, today: DateTime): Promise<boolean> {
  const [{ count }]: { count: number }[] = await dataSource.query('SELECT count(*)::int AS count FROM employees');
  if (count > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  await inTransaction(dataSource, (manager) => seedOrganisation(manager, { employees: demoEmployeeCount, today, passwordHash }));
  return true;
}
