// "My rotations": each of a person's assignments week by week, with its stages and the desk's hours in both zones.
import type { DateTime } from 'luxon';
import { describeDays } from '../rotations/desk-view';
import { type AssignmentStatus, type CalendarAssignment, takesPlace } from './calendar-assignments';
import { dateRange } from './date-range';
import { type WorkingSession, sessionOn, workingDays } from './working-sessions';
import { calendarWeek, weeksOf } from './week-window';

export interface RotationWeek {
  label: string;
  dates: string;
  stages: string[];
  /** The desk's hours that week in the desk's zone, e.g. "09:00–17:00". */
  deskHours: string;
  /** The same hours in the employee's zone, e.g. "08:00–16:00", with "(day before)" when the date differs. */
  yourHours: string;
}

export interface RotationCard {
  id: string;
  programmeName: string;
  deskName: string;
  status: AssignmentStatus;
  statusReason: string | null;
  happening: boolean;
  firstWeek: string;
  lastWeek: string;
  dates: string;
  workingDays: string;
  deskTimeZone: string;
  yourTimeZone: string;
  sameZone: boolean;
  weeks: RotationWeek[];
}

export interface MyRotations {
  upcoming: RotationCard[];
  past: RotationCard[];
}

/** Upcoming holds what has not ended by `today` (in the employee's zone), soonest first; past the rest, latest first. */
export function myRotations(assignments: CalendarAssignment[], today: DateTime): MyRotations {
  const upcoming: RotationCard[] = [];
  const past: RotationCard[] = [];
  for (const assignment of assignments) {
    const localToday = today.setZone(assignment.employeeTimeZone).toISODate()!;
    (assignment.endsOn < localToday ? past : upcoming).push(rotationCard(assignment));
  }
  return { upcoming, past: past.reverse() };
}

function rotationCard(assignment: CalendarAssignment): RotationCard {
  const days = workingDays(assignment.startsOn, assignment.endsOn, assignment.desk, assignment.stages);
  const weekNumbers = weeksOf(assignment);
  return {
    id: assignment.id,
    programmeName: assignment.programmeName,
    deskName: assignment.deskName,
    status: assignment.status,
    statusReason: assignment.statusReason,
    happening: takesPlace(assignment),
    firstWeek: assignment.firstWeek,
    lastWeek: calendarWeek(weekNumbers[weekNumbers.length - 1]).label,
    dates: dateRange(assignment.startsOn, assignment.endsOn),
    workingDays: describeDays(assignment.desk.workingDays),
    deskTimeZone: assignment.desk.timeZone,
    yourTimeZone: assignment.employeeTimeZone,
    sameZone: assignment.desk.timeZone === assignment.employeeTimeZone,
    weeks: weekNumbers.map((number) => {
      const week = calendarWeek(number);
      const inWeek = days.filter((day) => day.date >= week.monday && day.date <= week.sunday);
      return {
        label: week.label,
        dates: dateRange(week.monday, week.sunday),
        stages: [...new Set(inWeek.map((day) => day.stage).filter((stage) => stage !== null))],
        ...hoursOf(inWeek[0] && sessionOn(inWeek[0], assignment.desk), assignment.employeeTimeZone),
      };
    }),
  };
}

/**
 * Hours of the week's first session: a daylight-saving change in one zone and not the other shifts the employee's
 * hours from one week to the next, which is why they are given per week.
 */
function hoursOf(session: WorkingSession | undefined, yourZone: string): Pick<RotationWeek, 'deskHours' | 'yourHours'> {
  if (!session) return { deskHours: '–', yourHours: '–' };
  const deskHours = `${session.start.toFormat('HH:mm')}–${session.end.toFormat('HH:mm')}`;
  // Placing a time in another zone is most of the page's cost, and most people work a desk in their own zone.
  if (session.start.zoneName === yourZone) return { deskHours, yourHours: deskHours };
  const yourStart = session.start.setZone(yourZone);
  const yourEnd = session.end.setZone(yourZone);
  const yourDate = yourStart.toISODate()!;
  const shiftNote = yourDate < session.date ? ' (day before)' : yourDate > session.date ? ' (day after)' : '';
  return {
    deskHours,
    yourHours: `${yourStart.toFormat('HH:mm')}–${yourEnd.toFormat('HH:mm')}${shiftNote}`,
  };
}
