// The checker's own time arithmetic (kept apart from the planner's precomputed calendars on purpose, so a mistake
// in one is caught by the other): a desk's working hours in a given week and the instants a person's dates begin.
import { DateTime } from 'luxon';
import type { IsoDate, IsoWeek, PlannerDesk } from './types';

export interface WorkingHours {
  start: number; // epoch ms
  end: number;
}

export class CheckerCalendar {
  private readonly hoursByDeskWeek = new Map<string, WorkingHours[]>();
  private readonly dayStarts = new Map<string, number>();

  /** The desk's working days of the week, in order; empty when the pattern has no days. */
  workingHours(desk: PlannerDesk, week: IsoWeek): WorkingHours[] {
    const key = `${desk.id}|${week}`;
    let hours = this.hoursByDeskWeek.get(key);
    if (!hours) {
      const [startHour, startMinute] = desk.pattern.start.split(':').map(Number);
      const [endHour, endMinute] = desk.pattern.end.split(':').map(Number);
      const overnight = endHour * 60 + endMinute <= startHour * 60 + startMinute;
      const weekdays = [...new Set(desk.pattern.days)].filter((day) => day >= 1 && day <= 7).sort((a, b) => a - b);
      hours = weekdays.map((weekday) => {
        const day = DateTime.fromISO(`${week}-${weekday}`, { zone: desk.timeZone });
        const endDay = overnight ? day.plus({ days: 1 }) : day;
        return {
          start: day.set({ hour: startHour, minute: startMinute }).toMillis(),
          end: endDay.set({ hour: endHour, minute: endMinute }).toMillis(),
        };
      });
      this.hoursByDeskWeek.set(key, hours);
    }
    return hours;
  }

  startOfDay(zone: string, date: IsoDate): number {
    const key = `${zone}|${date}`;
    let millis = this.dayStarts.get(key);
    if (millis === undefined) {
      millis = DateTime.fromISO(date, { zone }).startOf('day').toMillis();
      this.dayStarts.set(key, millis);
    }
    return millis;
  }

  endOfDay(zone: string, date: IsoDate): number {
    return this.startOfDay(zone, DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate()!);
  }
}
