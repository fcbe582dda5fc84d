// Everything the planner looks up while placing people: indexes, desk calendars, per-person limits, the ledger
// and who is already busy in which weeks (fixed assignments first, planned ones as they are made).
import { buildDeskCalendar, calendarKey, workingDays, type DeskCalendar } from './desk-calendar';
import { DayStarts, isFreeThroughout, personDeskLimits, type CalendarWindow, type PersonDeskLimits } from './person-limits';
import { RotationLedger } from './rotation-ledger';
import type { PlanningInput } from './types';
import { addDays, mondayOfWeek, weekNumber } from './weeks';

export class PlanningContext {
  readonly firstWeek: number; // week number of the horizon's first week; week indices below count from it
  readonly horizon: number;
  readonly span: number; // horizon plus room for the longest block starting in its last week
  readonly ledger: RotationLedger;
  readonly departmentOfPerson: Int32Array;
  readonly deskIndex = new Map<string, number>();
  readonly personIndex = new Map<string, number>();
  /** Reused by slot searches so hot loops allocate nothing. */
  readonly scratchWeeks: Uint8Array;
  readonly scratchRuns: Int32Array;

  private readonly calendars: DeskCalendar[] = [];
  private readonly calendarOfDesk: Int32Array;
  private readonly eligibleBySite = new Map<string, number[]>();
  private readonly busyWeeks: (number[] | undefined)[]; // per person: [start, end, start, end, ...] inclusive
  private readonly limitsCache = new Map<number, PersonDeskLimits>();
  private readonly freeThroughout: Int8Array; // per person: 0 = not yet known, 1 = yes, -1 = no
  private readonly noLimits: PersonDeskLimits;
  private readonly dayStarts = new DayStarts();
  private readonly calendarWindow: CalendarWindow;

  constructor(readonly input: PlanningInput) {
    this.firstWeek = weekNumber(input.firstWeek);
    this.horizon = Math.max(0, input.horizonWeeks);
    const longestBlock = Math.max(1, ...input.programmes.map((programme) => programme.lengthWeeks));
    this.span = this.horizon + longestBlock - 1;
    this.ledger = new RotationLedger(input, this.firstWeek, this.span);
    this.scratchWeeks = new Uint8Array(this.span);
    this.scratchRuns = new Int32Array(this.span + 1);
    input.desks.forEach((desk, d) => this.deskIndex.set(desk.id, d));
    input.people.forEach((person, p) => this.personIndex.set(person.id, p));
    const departmentIndex = new Map(input.departments.map((department, d) => [department.id, d]));
    this.departmentOfPerson = Int32Array.from(input.people, (person) => departmentIndex.get(person.departmentId) ?? -1);
    this.calendarOfDesk = this.buildCalendars();
    this.calendarWindow = {
      firstDate: addDays(mondayOfWeek(this.firstWeek), -2),
      lastDate: addDays(mondayOfWeek(this.firstWeek + this.span), 2),
    };
    this.freeThroughout = new Int8Array(input.people.length);
    this.noLimits = { earliestStart: 0, latestEnd: this.span - 1, blockedWeeks: null };
    this.busyWeeks = new Array(input.people.length);
    this.bookFixedAssignments();
  }

  /** Desks that may host the person's site and have at least one working day, in id order. */
  eligibleDesks(person: number): number[] {
    const siteId = this.input.people[person].siteId;
    let desks = this.eligibleBySite.get(siteId);
    if (!desks) {
      desks = [];
      this.input.desks.forEach((desk, d) => {
        if ((desk.hostableSiteIds === null || desk.hostableSiteIds.includes(siteId)) && workingDays(desk).length > 0) desks!.push(d);
      });
      this.eligibleBySite.set(siteId, desks);
    }
    return desks;
  }

  limitsOn(person: number, desk: number): PersonDeskLimits {
    if (this.freeThroughout[person] === 0) this.freeThroughout[person] = isFreeThroughout(this.input.people[person], this.calendarWindow) ? 1 : -1;
    if (this.freeThroughout[person] === 1) return this.noLimits;
    const calendar = this.calendarOfDesk[desk];
    const key = person * this.calendars.length + calendar;
    let limits = this.limitsCache.get(key);
    if (!limits) {
      limits = personDeskLimits(this.input.people[person], this.calendars[calendar], this.calendarWindow, this.dayStarts);
      this.limitsCache.set(key, limits);
    }
    return limits;
  }

  isBusy(person: number, week: number): boolean {
    const busy = this.busyWeeks[person];
    if (!busy) return false;
    for (let i = 0; i < busy.length; i += 2) if (week >= busy[i] && week <= busy[i + 1]) return true;
    return false;
  }

  book(person: number, desk: number, start: number, weeks: number): void {
    this.ledger.book(desk, person >= 0 ? this.departmentOfPerson[person] : -1, start, weeks, 1);
    if (person >= 0) (this.busyWeeks[person] ??= []).push(start, start + weeks - 1);
  }

  release(person: number, desk: number, start: number, weeks: number): void {
    this.ledger.book(desk, this.departmentOfPerson[person], start, weeks, -1);
    const busy = this.busyWeeks[person]!;
    for (let i = 0; i < busy.length; i += 2) {
      if (busy[i] === start && busy[i + 1] === start + weeks - 1) {
        busy.splice(i, 2);
        return;
      }
    }
  }

  private buildCalendars(): Int32Array {
    const byKey = new Map<string, number>();
    return Int32Array.from(this.input.desks, (desk) => {
      const key = calendarKey(desk);
      let index = byKey.get(key);
      if (index === undefined) {
        index = this.calendars.length;
        this.calendars.push(buildDeskCalendar(desk, this.firstWeek, this.span));
        byKey.set(key, index);
      }
      return index;
    });
  }

  private bookFixedAssignments(): void {
    for (const block of this.input.fixed) {
      const person = this.personIndex.get(block.personId) ?? -1;
      const desk = this.deskIndex.get(block.deskId) ?? -1;
      this.book(person, desk, weekNumber(block.firstWeek) - this.firstWeek, block.weeks);
    }
  }
}
