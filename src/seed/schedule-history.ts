// Five years of rotations and absences: everyone's annual rotation since they joined, completed in the past, one
// in progress now and the next 52 weeks published, with upcoming hires on onboarding. Placed greedily week by
// week so that desks stay within their capacity where they can and nobody is ever on two rotations at once.
import type { Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';
import type { SeededRotationModel } from './rotation-model';

export interface HistoryPerson {
  id: string;
  siteId: string;
  hireDate: string;
}

export interface ScheduleHistoryOptions {
  faker: Faker;
  today: DateTime;
  people: HistoryPerson[];
  model: SeededRotationModel;
  onProgress: (done: number, total: number) => void;
}

const rotationWeeks = 2;
const horizonWeeks = 52;
// How far past its due week a rotation may slide to find a desk with room.
const slackWeeks = 8;

interface Placement {
  employeeId: string;
  programmeId: string;
  deskIndex: number;
  week: number;
}

export async function seedScheduleHistory(manager: EntityManager, options: ScheduleHistoryOptions): Promise<void> {
  const { faker, today, people, model } = options;
  const firstMonday = today.minus({ years: 5 }).startOf('week');
  const weekOf = (date: DateTime) => Math.floor(date.diff(firstMonday, 'days').days / 7);
  const mondayOf = (week: number) => firstMonday.plus({ weeks: week });
  const todayWeek = weekOf(today);
  const lastWeek = todayWeek + horizonWeeks;
  // Desks close over Christmas (the week of 28 December), as seedRotationModel records for this year.
  const closed = new Set<number>();
  for (let year = firstMonday.year; year <= today.year + 1; year++) closed.add(weekOf(DateTime.fromObject({ year, month: 12, day: 28 })));

  const load = model.desks.map(() => new Int32Array(lastWeek + rotationWeeks + slackWeeks + 1));
  const desksBySite = new Map<string, number[]>();
  const desksOf = (siteId: string) => {
    let found = desksBySite.get(siteId);
    if (!found) desksBySite.set(siteId, (found = model.desks.flatMap((desk, index) => (desk.hostSiteIds.includes(siteId) ? [index] : []))));
    return found;
  };
  const roomAt = (desk: number, week: number) =>
    [0, 1].every((offset) => !closed.has(week + offset) && load[desk][week + offset] < model.desks[desk].weeklyCapacity);
  // History may have been crowded, but the published schedule ahead never overbooks a desk: whoever finds no room
  // is left for the planner to place.
  const place = (desks: number[], due: number): { desk: number; week: number } | null => {
    for (let week = due; week <= due + slackWeeks; week++) {
      const open = desks.filter((desk) => roomAt(desk, week));
      if (open.length > 0) return { desk: open.reduce((a, b) => (load[a][week] <= load[b][week] ? a : b)), week };
    }
    if (due + slackWeeks >= todayWeek) return null;
    return { desk: desks[0], week: closed.has(due) || closed.has(due + 1) ? due + 2 : due };
  };

  const placements: Placement[] = [];
  for (const person of people) {
    const desks = desksOf(person.siteId);
    const hired = weekOf(DateTime.fromISO(person.hireDate));
    const upcoming = hired > todayWeek;
    let due = upcoming ? hired : hired + faker.number.int({ min: 4, max: 51 });
    let programmeId = upcoming ? model.onboardingProgrammeId : model.recurringProgrammeId;
    while (due < lastWeek) {
      const slot = place(desks, due);
      if (!slot || slot.week >= lastWeek) break;
      const { desk, week } = slot;
      for (let offset = 0; offset < rotationWeeks; offset++) load[desk][week + offset]++;
      placements.push({ employeeId: person.id, programmeId, deskIndex: desk, week });
      programmeId = model.recurringProgrammeId;
      due = week + 52;
    }
  }

  const todayIso = today.toISODate()!;
  await bulkInsert(
    manager,
    'assignments',
    [
      { name: 'employee_id', type: 'uuid' },
      { name: 'programme_id', type: 'uuid' },
      { name: 'desk_id', type: 'uuid' },
      { name: 'first_week', type: 'text' },
      { name: 'weeks', type: 'int4' },
      { name: 'starts_on', type: 'date' },
      { name: 'ends_on', type: 'date' },
      { name: 'status', type: 'text' },
      { name: 'completed_at', type: 'timestamptz' },
    ],
    placements.map((placement) => {
      const monday = mondayOf(placement.week);
      const startsOn = monday.toISODate()!;
      const endsOn = monday.plus({ weeks: rotationWeeks }).minus({ days: 1 }).toISODate()!;
      const status = startsOn > todayIso ? 'scheduled' : endsOn < todayIso ? 'completed' : 'in-progress';
      const completedAt = status === 'completed' ? monday.plus({ weeks: rotationWeeks, days: faker.number.int({ min: 0, max: 3 }), hours: 18 }).toISO() : null;
      return [placement.employeeId, placement.programmeId, model.desks[placement.deskIndex].id, monday.toFormat("kkkk-'W'WW"), rotationWeeks, startsOn, endsOn, status, completedAt];
    }),
    (done) => options.onProgress(done, placements.length),
  );
}

const absenceKinds = [
  { value: { type: 'vacation', days: [3, 10] }, weight: 6 },
  { value: { type: 'sick-leave', days: [1, 4] }, weight: 4 },
  { value: { type: 'training', days: [1, 3] }, weight: 2 },
  { value: { type: 'other', days: [1, 2] }, weight: 1 },
  { value: { type: 'parental-leave', days: [20, 60] }, weight: 0.2 },
];

/** A few absences per person between their hire and three months ahead, one in each slice of that time so they never overlap. */
export async function seedAbsences(
  manager: EntityManager,
  options: Pick<ScheduleHistoryOptions, 'faker' | 'today' | 'people' | 'onProgress'>,
): Promise<void> {
  const { faker, today } = options;
  const until = today.plus({ months: 3 });
  const rows: unknown[][] = [];
  for (const person of options.people) {
    const hired = DateTime.fromISO(person.hireDate);
    const span = Math.floor(until.diff(hired, 'days').days);
    const count = faker.number.int({ min: 2, max: 5 });
    const slice = Math.floor(span / count);
    if (slice < 14) continue;
    for (let n = 0; n < count; n++) {
      const kind = faker.helpers.weightedArrayElement(absenceKinds);
      const days = Math.min(slice - 1, faker.number.int({ min: kind.days[0], max: kind.days[1] }));
      const starts = hired.plus({ days: n * slice + faker.number.int({ min: 0, max: slice - days }) });
      rows.push([person.id, kind.type, starts.toISODate(), starts.plus({ days: days - 1 }).toISODate()]);
    }
  }
  await bulkInsert(
    manager,
    'absences',
    [{ name: 'employee_id', type: 'uuid' }, { name: 'type', type: 'text' }, { name: 'starts_on', type: 'date' }, { name: 'ends_on', type: 'date' }],
    rows,
    (done) => options.onProgress(done, rows.length),
  );
}
