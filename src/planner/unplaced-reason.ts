// Why a person could not be placed at all: the most telling rule, in plain words.
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { UnplacedReason } from './types';
import { weekLabel } from './weeks';

type BlockingRule = 'no-desk-capacity' | 'department-limit' | 'blackout' | 'absences';
// On a tie the rule the person or department can act on is named first.
const TIE_ORDER: BlockingRule[] = ['absences', 'blackout', 'department-limit', 'no-desk-capacity'];

export function explainUnplaced(context: PlanningContext, candidate: PlanningCandidate): { reason: UnplacedReason; explanation: string } {
  const { input, ledger, horizon } = context;
  const { person, department, length, earliestStart } = candidate;
  const personRecord = input.people[person];
  const firstStart = Math.max(0, earliestStart);
  const lastStart = horizon - 1;
  const between = `between ${weekLabel(context.firstWeek + firstStart)} and ${weekLabel(context.firstWeek + lastStart)}`;
  const desks = context.eligibleDesks(person);
  if (desks.length === 0) {
    return { reason: 'no-eligible-desk', explanation: `No desk with working days may host employees of site ${personRecord.siteId}.` };
  }

  const blockedStarts: Record<BlockingRule, number> = { 'no-desk-capacity': 0, 'department-limit': 0, blackout: 0, absences: 0 };
  let possibleStarts = 0;
  for (const desk of desks) {
    const limits = context.limitsOn(person, desk);
    const from = Math.max(firstStart, limits.earliestStart);
    const to = Math.min(lastStart, limits.latestEnd - length + 1);
    for (let start = from; start <= to; start++) {
      possibleStarts++;
      const blockedBy = new Set<BlockingRule>();
      for (let week = start; week < start + length; week++) {
        if (!ledger.deskHasRoom(desk, week)) blockedBy.add('no-desk-capacity');
        if (limits.blockedWeeks && limits.blockedWeeks[week] === 1) blockedBy.add('absences');
        if (department < 0) continue;
        if (ledger.isBlackout(department, week)) blockedBy.add('blackout');
        if (!ledger.departmentHasRoom(department, week)) blockedBy.add('department-limit');
      }
      for (const rule of blockedBy) blockedStarts[rule]++;
    }
  }
  if (possibleStarts === 0) {
    return {
      reason: 'employment-dates',
      explanation: `The hire and termination dates leave no ${length}-week block starting ${between}.`,
    };
  }

  const reason = TIE_ORDER.reduce((most, rule) => (blockedStarts[rule] > blockedStarts[most] ? rule : most));
  const count = `${blockedStarts[reason]} of ${possibleStarts} possible desk starts ${between}`;
  if (blockedStarts[reason] === 0) {
    return { reason, explanation: `Every possible start ${between} overlaps another rotation of this employee.` };
  }
  const departmentName = department >= 0 ? input.departments[department].name : '';
  const explanation: Record<BlockingRule, string> = {
    'no-desk-capacity': `The desks that may host this employee were full for ${count}.`,
    'department-limit': `${departmentName} was at its limit of ${department >= 0 ? ledger.limit[department] : 0} on rotation for ${count}.`,
    blackout: `${departmentName}'s blackout weeks ruled out ${count}.`,
    absences: `Absences ruled out ${count}.`,
  };
  return { reason, explanation: explanation[reason] };
}
