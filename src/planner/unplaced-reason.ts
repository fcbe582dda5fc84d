// Why a person could not be placed at all: the most telling rule, in plain words.
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { UnplacedReason } from './types';
import { weekLabel } from './weeks';

type BlockingRule = 'no-desk-capacity' | 'department-limit' | 'blackout' | 'absences' | 'other-rotation';
// On a tie the rule the person or department can act on is named first.
const TIE_ORDER: BlockingRule[] = ['absences', 'other-rotation', 'blackout', 'department-limit', 'no-desk-capacity'];
// One bit per rule, because many unplaced people make the loop below hot.
const BIT = Object.fromEntries(TIE_ORDER.map((rule, i) => [rule, 1 << i])) as Record<BlockingRule, number>;

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

  const blockedStarts: Record<BlockingRule, number> = { 'no-desk-capacity': 0, 'department-limit': 0, blackout: 0, absences: 0, 'other-rotation': 0 };
  let possibleStarts = 0;
  for (const desk of desks) {
    const limits = context.limitsOn(person, desk);
    const from = Math.max(firstStart, limits.earliestStart);
    const to = Math.min(lastStart, limits.latestEnd - length + 1);
    for (let start = from; start <= to; start++) {
      possibleStarts++;
      let blockedBy = 0;
      for (let week = start; week < start + length; week++) {
        if (limits.blockedWeeks && limits.blockedWeeks[week] === 1) blockedBy |= BIT.absences;
        if (context.isBusy(person, week)) blockedBy |= BIT['other-rotation'];
        if (department >= 0 && ledger.isBlackout(department, week)) blockedBy |= BIT.blackout;
        if (department >= 0 && !ledger.departmentHasRoom(department, week)) blockedBy |= BIT['department-limit'];
        if (!ledger.deskHasRoom(desk, week)) blockedBy |= BIT['no-desk-capacity'];
      }
      for (const rule of TIE_ORDER) if (blockedBy & BIT[rule]) blockedStarts[rule]++;
    }
  }
  if (possibleStarts === 0) {
    return {
      reason: 'employment-dates',
      explanation: `The hire and termination dates leave no ${length}-week block starting ${between}.`,
    };
  }

  // Every possible start is blocked by at least one rule, or the person would have been placed.
  const reason = TIE_ORDER.reduce((most, rule) => (blockedStarts[rule] > blockedStarts[most] ? rule : most));
  const count = `${blockedStarts[reason]} of ${possibleStarts} possible desk starts ${between}`;
  const departmentName = department >= 0 ? input.departments[department].name : '';
  const explanation: Record<BlockingRule, string> = {
    'no-desk-capacity': `The desks that may host this employee were full for ${count}.`,
    'department-limit':
      department >= 0 && ledger.limit[department] === 0
        ? `${departmentName} allows nobody on rotation (a limit of 0%), which rules out ${count}.`
        : `${departmentName} was at its limit of ${department >= 0 ? ledger.limit[department] : 0} on rotation for ${count}.`,
    blackout: `${departmentName}'s blackout weeks ruled out ${count}.`,
    absences: `Absences ruled out ${count}.`,
    'other-rotation': `Another rotation of this employee overlaps ${count}.`,
  };
  return { reason, explanation: explanation[reason] };
}
