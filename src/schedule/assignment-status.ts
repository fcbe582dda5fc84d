// An assignment's life: which status may follow which. A draft's blocks are "planned" and live only in plan runs;
// once published, an assignment moves through these statuses and no others.
import { RuleViolation } from '../http/errors';

export const assignmentStatuses = ['scheduled', 'in-progress', 'completed', 'deferred', 'cancelled'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

export const statusLabels: Record<AssignmentStatus, string> = {
  scheduled: 'scheduled',
  'in-progress': 'in progress',
  completed: 'completed',
  deferred: 'deferred',
  cancelled: 'cancelled',
};

const allowedNext: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  scheduled: ['in-progress', 'deferred', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  deferred: ['scheduled', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canChangeStatus(from: AssignmentStatus, to: AssignmentStatus): boolean {
  return allowedNext[from].includes(to);
}

/** Refuses, in words, a status that may not follow the current one. */
export function checkStatusChange(from: AssignmentStatus, to: AssignmentStatus): void {
  if (canChangeStatus(from, to)) return;
  const next = allowedNext[from];
  const allowed = next.length ? `it can only become ${next.map((status) => statusLabels[status]).join(' or ')}` : 'it can no longer change';
  const article = /^[aeiou]/.test(statusLabels[from]) ? 'An' : 'A';
  throw new RuleViolation(`${article} ${statusLabels[from]} assignment cannot become ${statusLabels[to]}: ${allowed}.`);
}

/** Where and when an assignment runs and where it stands: what every page about one shows. */
export interface AssignmentSummary {
  id: string;
  programmeName: string;
  deskName: string;
  firstWeek: string;
  weeks: number;
  /** ISO dates: Monday of the first week to Sunday of the last. */
  startsOn: string;
  endsOn: string;
  status: AssignmentStatus;
}
