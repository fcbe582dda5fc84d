// The independent checker: every hard rule, verified for fixed and planned assignments together, with messages a
// planner can read. It shares nothing with the planner except week-label arithmetic.
import { assignmentChecker } from './check-assignment';
import type { AssignmentBlock, PlanningInput, Violation } from './types';
import { weekLabel, weekNumber } from './weeks';

export function checkPlan(input: PlanningInput, assignments: AssignmentBlock[]): Violation[] {
  const checkAssignment = assignmentChecker(input);
  return [
    ...assignments.flatMap(checkAssignment),
    ...deskCapacityViolations(input, assignments),
    ...departmentViolations(input, assignments),
    ...overlapViolations(input, assignments),
  ];
}

function weeksOf(assignment: AssignmentBlock): number[] {
  const first = weekNumber(assignment.firstWeek);
  return Array.from({ length: Math.max(0, assignment.weeks) }, (_, i) => first + i);
}

function deskCapacityViolations(input: PlanningInput, assignments: AssignmentBlock[]): Violation[] {
  const hosted = new Map<string, Map<number, number>>();
  for (const assignment of assignments) {
    const byWeek = hosted.get(assignment.deskId) ?? new Map<number, number>();
    hosted.set(assignment.deskId, byWeek);
    for (const week of weeksOf(assignment)) byWeek.set(week, (byWeek.get(week) ?? 0) + 1);
  }
  const violations: Violation[] = [];
  for (const desk of input.desks) {
    const byWeek = hosted.get(desk.id);
    if (!byWeek) continue;
    for (const [week, count] of [...byWeek].sort(([a], [b]) => a - b)) {
      const label = weekLabel(week);
      const capacity = desk.capacityOverrides[label] ?? desk.weeklyCapacity;
      if (count > capacity) {
        violations.push({ rule: 'desk-capacity', message: `${desk.name} is full in ${label} (${count} of ${capacity})`, deskId: desk.id, week: label });
      }
    }
  }
  return violations;
}

function departmentViolations(input: PlanningInput, assignments: AssignmentBlock[]): Violation[] {
  const departmentOf = new Map(input.people.map((person) => [person.id, person.departmentId]));
  const onRotation = new Map<string, Map<number, number>>();
  for (const assignment of assignments) {
    const departmentId = departmentOf.get(assignment.personId);
    if (departmentId === undefined) continue;
    const byWeek = onRotation.get(departmentId) ?? new Map<number, number>();
    onRotation.set(departmentId, byWeek);
    for (const week of weeksOf(assignment)) byWeek.set(week, (byWeek.get(week) ?? 0) + 1);
  }
  const violations: Violation[] = [];
  for (const department of input.departments) {
    const byWeek = onRotation.get(department.id);
    if (!byWeek) continue;
    const share = department.maxSharePercent;
    const limit = share <= 0 ? 0 : Math.max(1, Math.floor((department.activeHeadcount * share) / 100));
    const blackout = new Set(department.blackoutWeeks);
    for (const [week, count] of [...byWeek].sort(([a], [b]) => a - b)) {
      const label = weekLabel(week);
      const about = { departmentId: department.id, week: label };
      if (count > limit) {
        violations.push({ rule: 'department-limit', message: `${department.name} is over its limit in ${label} (${count} of ${limit})`, ...about });
      }
      if (blackout.has(label)) violations.push({ rule: 'blackout', message: `${department.name} is in blackout in ${label}`, ...about });
    }
  }
  return violations;
}

function overlapViolations(input: PlanningInput, assignments: AssignmentBlock[]): Violation[] {
  const nameOf = new Map(input.people.map((person) => [person.id, person.name]));
  const byPerson = new Map<string, AssignmentBlock[]>();
  for (const assignment of assignments) byPerson.set(assignment.personId, [...(byPerson.get(assignment.personId) ?? []), assignment]);
  const violations: Violation[] = [];
  for (const [personId, blocks] of byPerson) {
    if (blocks.length < 2) continue;
    const spans = blocks
      .map((block) => ({ first: weekNumber(block.firstWeek), last: weekNumber(block.firstWeek) + block.weeks - 1 }))
      .sort((a, b) => a.first - b.first);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length && spans[j].first <= spans[i].last; j++) {
        const week = weekLabel(spans[j].first);
        violations.push({ rule: 'overlap', message: `${nameOf.get(personId) ?? personId} is on two rotations at once in ${week}`, personId, week });
      }
    }
  }
  return violations;
}
