import type { EntityManager, EntityTarget } from 'typeorm';

/** Whether another row (not ownId) already has the name, whatever its case, as the unique lower(name) indexes decide. */
export async function isNameTaken(manager: EntityManager, entity: EntityTarget<{ id: string; name: string }>, name: string, ownId?: string): Promise<boolean> {
  const query = manager.createQueryBuilder(entity, 'row').where('lower(row.name) = lower(:name)', { name });
  if (ownId) query.andWhere('row.id <> :ownId', { ownId });
  return query.getExists();
}
