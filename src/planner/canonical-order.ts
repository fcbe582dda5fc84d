// The planner's indices follow ids, not the order the caller happened to list things in (a database returns rows
// in any order), so the same organisation always gets the same plan.
import type { PlanningInput } from './types';

export function inCanonicalOrder(input: PlanningInput): PlanningInput {
  return {
    ...input,
    departments: byId(input.departments),
    desks: byId(input.desks),
    programmes: byId(input.programmes),
    people: byId(input.people),
  };
}

function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
