// The working sessions of one assignment: every day of its weeks on which the desk works, at the desk's local hours.
import { DateTime } from 'luxon';

export interface DeskHours {
  /** The desk's site's IANA zone: its hours are local to it. */
  timeZone: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  workingDays: number[];
  /** 'HH:mm' */
  startTime: string;
  endTime: string;
}

export interface StagePlan {
  name: string;
  amount: number;
  unit: 'weeks' | 'shifts';
}

/** A day of an assignment on which its desk works. */
export interface WorkingDay {
  /** The local date at the desk, 'yyyy-MM-dd'. */
  date: string;
  /** The programme stage the session belongs to; null past the programme's last stage. */
  stage: string | null;
}

export interface WorkingSession extends WorkingDay {
  start: DateTime;
  end: DateTime;
}

export function workingSessions(startsOn: string, endsOn: string, desk: DeskHours, stages: StagePlan[]): WorkingSession[] {
  return workingDays(startsOn, endsOn, desk, stages).map((day) => sessionOn(day, desk));
}

const dayMilliseconds = 24 * 60 * 60 * 1000;

/** The days alone: placing a time in a zone is most of a session's cost, and a page may need few of them. */
export function workingDays(startsOn: string, endsOn: string, desk: DeskHours, stages: StagePlan[]): WorkingDay[] {
  const dates: string[] = [];
  // Calendar dates, counted as UTC days (each exactly a day long) with the platform's Date: a luxon object a day
  // cost more than the rest of a rotation's card.
  const last = Date.parse(`${endsOn}T00:00:00Z`);
  for (let time = Date.parse(`${startsOn}T00:00:00Z`); time <= last; time += dayMilliseconds) {
    const day = new Date(time);
    if (desk.workingDays.includes(day.getUTCDay() || 7)) dates.push(day.toISOString().slice(0, 10));
  }
  const stageOfSession = sessionStages(stages, dates.length, desk.workingDays.length);
  return dates.map((date, index) => ({ date, stage: stageOfSession[index] ?? null }));
}

/** The day's session at the desk's local hours. */
export function sessionOn(day: WorkingDay, desk: DeskHours): WorkingSession {
  return { ...day, start: localTime(day.date, desk.startTime, desk.timeZone), end: localTime(day.date, desk.endTime, desk.timeZone) };
}

/**
 * Lays the stages over the sessions in position order. A stage in weeks lasts that many weeks of the desk's
 * working days, so that a stage in weeks and one in shifts count in the same unit when they follow each other.
 */
function sessionStages(stages: StagePlan[], sessionCount: number, sessionsPerWeek: number): string[] {
  const names: string[] = [];
  for (const stage of stages) {
    const length = stage.unit === 'weeks' ? stage.amount * sessionsPerWeek : stage.amount;
    for (let i = 0; i < length && names.length < sessionCount; i++) names.push(stage.name);
  }
  return names;
}

function localTime(date: string, time: string, zone: string): DateTime {
  return DateTime.fromISO(`${date}T${time}`, { zone });
}
