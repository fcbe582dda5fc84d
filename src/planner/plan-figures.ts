// The plan's summary numbers and the desk and department load per horizon week (fixed and planned together).
import type { PlanningContext } from './planning-context';
import type { PlanFigures, PlannedAssignment, Unplaced, UnplacedReason } from './types';
import { weekLabel } from './weeks';

export function summarisePlan(context: PlanningContext, assignments: PlannedAssignment[], unplaced: Unplaced[]): PlanFigures {
  const { input, ledger, span, horizon, firstWeek } = context;
  const unplacedByReason: Record<UnplacedReason, number> = {
    'no-desk-capacity': 0,
    'department-limit': 0,
    blackout: 0,
    absences: 0,
    'no-eligible-desk': 0,
    'employment-dates': 0,
    'other-rotation': 0,
  };
  for (const entry of unplaced) unplacedByReason[entry.reason]++;
  const placedOnTime = assignments.filter((assignment) => assignment.onTime).length;
  const weeks = Array.from({ length: horizon }, (_, week) => weekLabel(firstWeek + week));
  return {
    peopleDue: assignments.length + unplaced.length,
    placedOnTime,
    placedLate: assignments.length - placedOnTime,
    unplacedByReason,
    deskWeeks: input.desks.flatMap((desk, d) =>
      weeks.map((week, w) => ({ deskId: desk.id, week, hosted: ledger.hosted[d * span + w], capacity: ledger.capacity[d * span + w] })),
    ),
    departmentWeeks: input.departments.flatMap((department, d) =>
      weeks.map((week, w) => ({ departmentId: department.id, week, onRotation: ledger.onRotation[d * span + w], limit: ledger.limit[d] })),
    ),
  };
}
