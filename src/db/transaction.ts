import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction. Everything inside must use the given manager: a query through the
 * DataSource itself would wait forever for the embedded database's single connection.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(work);
}
