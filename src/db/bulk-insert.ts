// Inserts many rows with one statement per chunk: each column travels as one array parameter and unnest
// turns the arrays back into rows, so 100,000 rows cost a few dozen round trips, not 100,000.
import type { EntityManager } from 'typeorm';

export interface BulkColumn {
  name: string;
  /** PostgreSQL type of one value, e.g. 'uuid', 'text', 'date'. */
  type: string;
  /** SQL that turns the unnested value `v` into the stored one, e.g. "string_to_array(v, ',')". */
  convert?: (value: string) => string;
}

export async function bulkInsert(
  manager: EntityManager,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  onChunk?: (insertedSoFar: number) => void,
  chunkSize = 5000,
): Promise<void> {
  const aliases = columns.map((_, index) => `c${index}`);
  const selectList = columns.map((column, index) => (column.convert ? column.convert(`u.${aliases[index]}`) : `u.${aliases[index]}`));
  const sql =
    `INSERT INTO ${table} (${columns.map((column) => column.name).join(', ')}) ` +
    `SELECT ${selectList.join(', ')} FROM unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')}) ` +
    `AS u(${aliases.join(', ')})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const parameters = columns.map((_, columnIndex) => chunk.map((row) => row[columnIndex]));
    await manager.query(sql, parameters);
    onChunk?.(start + chunk.length);
  }
}
