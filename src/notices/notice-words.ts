// The plain words of notices and reminders: which desk, which weeks, the desk's hours.
import { DateTime } from 'luxon';
import { mondayOfWeek, sundayOfWeek, weekLabel, weekNumber } from '../planner/weeks';

export interface DeskDescription {
  name: string;
  /** The desk's site's zone, in which its hours are kept. */
  timeZone: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  workingDays: number[];
  /** 'HH:mm' */
  startTime: string;
  endTime: string;
}

export interface PlaceDescription {
  desk: DeskDescription;
  firstWeek: string;
  weeks: number;
}

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "2027-W05 to 2027-W06", or "2027-W05" for one week. */
export function weekRange(firstWeek: string, weeks: number): string {
  return weeks === 1 ? firstWeek : `${firstWeek} to ${weekLabel(weekNumber(firstWeek) + weeks - 1)}`;
}

/** "2027-W05 to 2027-W06 (Monday 1 February 2027 to Sunday 14 February 2027)" */
export function describeWeeks(firstWeek: string, weeks: number): string {
  const first = weekNumber(firstWeek);
  return `${weekRange(firstWeek, weeks)} (${longDate(mondayOfWeek(first))} to ${longDate(sundayOfWeek(first + weeks - 1))})`;
}

/** "Monday to Friday, 09:00-17:00 Europe/Berlin time" */
export function describeHours(desk: DeskDescription): string {
  return `${describeWorkingDays(desk.workingDays)}, ${desk.startTime}-${desk.endTime} ${desk.timeZone} time`;
}

/** "EMEA phone, weeks 2027-W05 to 2027-W06 (...)" */
export function describePlace(place: PlaceDescription): string {
  return `${place.desk.name}, ${place.weeks === 1 ? 'week' : 'weeks'} ${describeWeeks(place.firstWeek, place.weeks)}`;
}

// 100,000 notices of a published plan name a few hundred distinct dates, and luxon's formatting would otherwise
// take most of the time spent writing them.
const longDates = new Map<string, string>();

export function longDate(isoDate: string): string {
  let words = longDates.get(isoDate);
  if (words === undefined) {
    words = DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat('cccc d LLLL yyyy');
    if (longDates.size > 10_000) longDates.clear();
    longDates.set(isoDate, words);
  }
  return words;
}

/** Consecutive days as a range ("Monday to Friday"), others as a list ("Monday, Wednesday and Friday"). */
function describeWorkingDays(workingDays: number[]): string {
  const days = [...workingDays].sort((a, b) => a - b);
  const consecutive = days.every((day, index) => index === 0 || day === days[index - 1] + 1);
  if (days.length === 7) return 'Every day';
  if (days.length > 2 && consecutive) return `${weekdayNames[days[0] - 1]} to ${weekdayNames[days[days.length - 1] - 1]}`;
  const names = days.map((day) => weekdayNames[day - 1]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
