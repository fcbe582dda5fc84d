// What each week of a rotation expects. A week's full expectation is the programme's hours per week, but never
// more than the desk is open (its working days times its daily hours): a desk open 4 hours a day cannot ask for
// 37 hours. It is spread evenly over the desk's working days, and a working day that is a public holiday of the
// desk's country, or a day the person is recorded absent, takes its share off. Weeks HR added to an incomplete
// rotation are time to catch up in: they expect nothing more.
import { DateTime } from 'luxon';
import { roundHours } from './shift';
import type { Rotation } from './rotation';

export interface WeekExpectation {
  /** ISO week, e.g. 2027-W13. */
  week: string;
  monday: string;
  sunday: string;
  expectedHours: number;
  /** The desk's working days that week, before holidays and absences. */
  workingDays: number;
  holidays: { date: string; name: string }[];
  /** Working days the person is away (holidays not counted twice). */
  absentDays: string[];
  /** A week HR added to the rotation. */
  extension: boolean;
}

export type ExpectationRotation = Pick<Rotation, 'firstWeek' | 'weeks' | 'extendedWeeks' | 'expectedHoursPerWeek' | 'desk'>;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The desk's open hours in a plain week (wall-clock hours per working day, times the days). */
function deskWeekHours(desk: Rotation['desk']): number {
  return (desk.workingDays.length * (minutesOf(desk.endTime) - minutesOf(desk.startTime))) / 60;
}

/** The hours a week without holidays or absences expects. */
function fullWeekHours(rotation: ExpectationRotation): number {
  return Math.min(rotation.expectedHoursPerWeek, deskWeekHours(rotation.desk));
}

export function weeklyExpectations(rotation: ExpectationRotation, holidays: Map<string, string>, absent: Set<string>): WeekExpectation[] {
  const { workingDays } = rotation.desk;
  const perDay = workingDays.length ? fullWeekHours(rotation) / workingDays.length : 0;
  const firstMonday = DateTime.fromISO(`${rotation.firstWeek}-1`, { zone: 'utc' });
  return Array.from({ length: rotation.weeks }, (_, index) => {
    const monday = firstMonday.plus({ weeks: index });
    const days = workingDays.map((weekday) => monday.plus({ days: weekday - 1 }).toISODate()!).sort();
    const holidaysThisWeek = days.filter((date) => holidays.has(date)).map((date) => ({ date, name: holidays.get(date)! }));
    const away = days.filter((date) => absent.has(date) && !holidays.has(date));
    const extension = index >= rotation.weeks - rotation.extendedWeeks;
    return {
      week: monday.toFormat("kkkk-'W'WW"),
      monday: monday.toISODate()!,
      sunday: monday.plus({ days: 6 }).toISODate()!,
      expectedHours: extension ? 0 : roundHours(perDay * (days.length - holidaysThisWeek.length - away.length)),
      workingDays: days.length,
      holidays: holidaysThisWeek,
      absentDays: away,
      extension,
    };
  });
}
