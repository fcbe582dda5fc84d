// A single assignment as an .ics file, for e-mails and the "My rotations" download.
import type { EntityManager } from 'typeorm';
import { NotFound } from '../http/errors';
import { loadCalendarAssignments } from './calendar-assignments';
import { renderIcs } from './ics-calendar';

/**
 * An RFC 5545 calendar with the assignment's working sessions as events in the desk's time zone. A cancelled or
 * deferred assignment gives the same events marked cancelled, so that a notice about it withdraws them.
 */
export async function assignmentIcs(manager: EntityManager, assignmentId: string): Promise<string> {
  const [assignment] = await loadCalendarAssignments(manager, { assignmentId });
  if (!assignment) throw new NotFound('There is no such assignment.');
  return renderIcs({
    name: `${assignment.programmeName} at ${assignment.deskName}`,
    assignments: [assignment],
    readers: 'employee',
    withdrawn: 'mark-cancelled',
  });
}
