// Where a person stands on a given day, written once in SQL so the list, its filter, headcounts and the profile agree.
// A termination date is the last working day: the person is still active on it.
export const employeeStatuses = ['active', 'terminated', 'upcoming'] as const;
export type EmployeeStatus = (typeof employeeStatuses)[number];

/** SQL conditions on an employees row aliased `alias`, for today's date in the database. */
export function statusCondition(status: EmployeeStatus, alias = 'e'): string {
  switch (status) {
    case 'upcoming':
      return `${alias}.hire_date > current_date`;
    case 'terminated':
      return `${alias}.termination_date < current_date`;
    case 'active':
      return `(${alias}.hire_date <= current_date AND (${alias}.termination_date IS NULL OR ${alias}.termination_date >= current_date))`;
  }
}

/** SQL giving the status of an employees row aliased `alias`. */
export function statusExpression(alias = 'e'): string {
  return `CASE WHEN ${statusCondition('upcoming', alias)} THEN 'upcoming' WHEN ${statusCondition('terminated', alias)} THEN 'terminated' ELSE 'active' END`;
}
