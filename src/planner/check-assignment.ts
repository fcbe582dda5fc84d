// The checker's rules about one assignment on its own: references, length, department, site, employment dates
// and absences. Rules that need all assignments together live in check-plan.ts.
import { CheckerCalendar } from './checker-calendar';
import type { AssignmentBlock, PlannerDesk, PlannerPerson, PlannerProgramme, PlanningInput, Violation } from './types';
import { weekLabel, weekNumber } from './weeks';

export type AssignmentChecker = (assignment: AssignmentBlock) => Violation[];

export function assignmentChecker(input: PlanningInput, calendar = new CheckerCalendar()): AssignmentChecker {
  const people = new Map(input.people.map((person) => [person.id, person]));
  const desks = new Map(input.desks.map((desk) => [desk.id, desk]));
  const programmes = new Map(input.programmes.map((programme) => [programme.id, programme]));
  const departments = new Map(input.departments.map((department) => [department.id, department]));

  return (assignment) => {
    const person = people.get(assignment.personId);
    const desk = desks.get(assignment.deskId);
    const programme = programmes.get(assignment.programmeId);
    if (!person || !desk || !programme) return [unknownReference(assignment, person, desk, programme)];
    const weeks = Array.from({ length: Math.max(0, assignment.weeks) }, (_, i) => weekLabel(weekNumber(assignment.firstWeek) + i));
    const violations: Violation[] = [];
    const about = { personId: person.id, deskId: desk.id };

    if (assignment.weeks !== programme.lengthWeeks) {
      violations.push({
        rule: 'block-length',
        message: `${person.name}'s ${programme.name} assignment lasts ${assignment.weeks} weeks instead of ${programme.lengthWeeks}`,
        ...about,
      });
    }
    if (programme.departmentIds !== null && !programme.departmentIds.includes(person.departmentId)) {
      const departmentName = departments.get(person.departmentId)?.name ?? person.departmentId;
      violations.push({
        rule: 'programme-department',
        message: `${programme.name} does not apply to ${person.name}'s department (${departmentName})`,
        ...about,
        departmentId: person.departmentId,
      });
    }
    if (desk.hostableSiteIds !== null && !desk.hostableSiteIds.includes(person.siteId)) {
      violations.push({ rule: 'desk-site', message: `${desk.name} may not host ${person.name}'s site (${person.siteId})`, ...about });
    }
    if (weeks.length === 0) return violations;
    const firstWeekHours = calendar.workingHours(desk, weeks[0]);
    if (firstWeekHours.length === 0) {
      violations.push({ rule: 'desk-without-working-days', message: `${desk.name} has no working days`, ...about });
      return violations;
    }
    violations.push(...employmentViolations(calendar, person, desk, weeks));
    violations.push(...absenceViolations(calendar, person, desk, weeks));
    return violations;
  };
}

function employmentViolations(calendar: CheckerCalendar, person: PlannerPerson, desk: PlannerDesk, weeks: string[]): Violation[] {
  const violations: Violation[] = [];
  const about = { personId: person.id, deskId: desk.id };
  const firstWorkingStart = calendar.workingHours(desk, weeks[0])[0].start;
  if (firstWorkingStart < calendar.startOfDay(person.timeZone, person.hireDate)) {
    violations.push({ rule: 'before-hire', message: `${person.name} starts before the hire date (${person.hireDate})`, ...about, week: weeks[0] });
  }
  const lastWeek = weeks[weeks.length - 1];
  const lastWeekHours = calendar.workingHours(desk, lastWeek);
  const lastWorkingEnd = lastWeekHours[lastWeekHours.length - 1].end;
  if (person.terminationDate !== null && lastWorkingEnd > calendar.endOfDay(person.timeZone, person.terminationDate)) {
    violations.push({
      rule: 'after-termination',
      message: `${person.name} is still on rotation after the termination date (${person.terminationDate})`,
      ...about,
      week: lastWeek,
    });
  }
  return violations;
}

function absenceViolations(calendar: CheckerCalendar, person: PlannerPerson, desk: PlannerDesk, weeks: string[]): Violation[] {
  if (person.absences.length === 0) return [];
  const absent = person.absences.map((absence) => ({
    from: calendar.startOfDay(person.timeZone, absence.from),
    to: calendar.endOfDay(person.timeZone, absence.to),
  }));
  const violations: Violation[] = [];
  for (const week of weeks) {
    const hours = calendar.workingHours(desk, week);
    const absentDays = hours.filter(({ start, end }) => {
      const midpoint = (start + end) / 2;
      return absent.some(({ from, to }) => midpoint >= from && midpoint < to);
    }).length;
    if (absentDays > hours.length / 2) {
      violations.push({
        rule: 'absence',
        message: `${person.name} is absent on ${absentDays} of ${hours.length} working days of ${desk.name} in ${week}`,
        personId: person.id,
        deskId: desk.id,
        week,
      });
    }
  }
  return violations;
}

function unknownReference(
  assignment: AssignmentBlock,
  person: PlannerPerson | undefined,
  desk: PlannerDesk | undefined,
  programme: PlannerProgramme | undefined,
): Violation {
  const missing = [
    person ? null : `person ${assignment.personId}`,
    desk ? null : `desk ${assignment.deskId}`,
    programme ? null : `programme ${assignment.programmeId}`,
  ].filter(Boolean);
  return { rule: 'unknown-reference', message: `An assignment refers to an unknown ${missing.join(', ')}`, personId: assignment.personId };
}
