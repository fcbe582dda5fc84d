// A fingerprint of every row the app keeps, so a test can tell that a refused request left the data as it was.
import type { DataSource } from 'typeorm';

// Written by any request, refused or not: sessions (every request touches its own) and sign-in failures (counted on
// purpose when a sign-in is refused).
const bookkeeping = new Set(['sessions', 'login_throttle']);

export type TableFingerprints = Record<string, string>;

export interface DatabaseState {
  /** One hash per table over all its rows. */
  fingerprints(): Promise<TableFingerprints>;
}

/** Reads the table list once; each fingerprint is then one query. */
export async function databaseState(dataSource: DataSource): Promise<DatabaseState> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const hashes = tables
    .filter(({ name }) => !bookkeeping.has(name))
    .map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(row::text, '|' ORDER BY row::text), '')) AS hash FROM "${name}" row`);
  const query = hashes.join(' UNION ALL ');
  return {
    async fingerprints() {
      const rows: { name: string; hash: string }[] = await dataSource.query(query);
      return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
    },
  };
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: TableFingerprints, after: TableFingerprints): string[] {
  return Object.keys(after).filter((name) => before[name] !== after[name]);
}

/** Rows per table, for tests that name the tables a request must not touch. */
export async function rowCounts(dataSource: DataSource, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await dataSource.query(`SELECT count(*) AS n FROM "${table}"`))[0].n);
  return counts;
}
