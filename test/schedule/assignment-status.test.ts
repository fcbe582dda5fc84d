import { RuleViolation } from '../../src/http/errors';
import { assignmentStatuses, canChangeStatus, checkStatusChange, type AssignmentStatus } from '../../src/schedule/assignment-status';

const allowed: [AssignmentStatus, AssignmentStatus][] = [
  ['scheduled', 'in-progress'],
  ['scheduled', 'deferred'],
  ['scheduled', 'cancelled'],
  ['in-progress', 'completed'],
  ['in-progress', 'cancelled'],
  ['deferred', 'scheduled'],
  ['deferred', 'cancelled'],
];
const isAllowed = (from: AssignmentStatus, to: AssignmentStatus) => allowed.some(([a, b]) => a === from && b === to);

describe('assignment status changes', () => {
  it('allows exactly the transitions of the programme', () => {
    for (const from of assignmentStatuses) {
      for (const to of assignmentStatuses) expect([from, to, canChangeStatus(from, to)]).toEqual([from, to, isAllowed(from, to)]);
    }
  });

  it('refuses the others in words', () => {
    expect(() => checkStatusChange('completed', 'cancelled')).toThrow(new RuleViolation('A completed assignment cannot become cancelled: it can no longer change.'));
    expect(() => checkStatusChange('in-progress', 'deferred')).toThrow('An in progress assignment cannot become deferred: it can only become completed or cancelled.');
    expect(() => checkStatusChange('scheduled', 'completed')).toThrow('it can only become in progress or deferred or cancelled');
    expect(() => checkStatusChange('deferred', 'scheduled')).not.toThrow();
  });
});
