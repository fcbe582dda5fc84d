// Desk-week and department-week counters for the planning window, in typed arrays because the planner reads them
// millions of times on a large company.
import type { PlanningInput } from './types';
import { weekNumber } from './weeks';

export function departmentLimit(maxSharePercent: number, activeHeadcount: number): number {
  return maxSharePercent > 0 ? Math.max(1, Math.floor((maxSharePercent * activeHeadcount) / 100)) : 0;
}

export class RotationLedger {
  readonly hosted: Int32Array; // [desk * span + week]
  readonly capacity: Int32Array;
  readonly onRotation: Int32Array; // [department * span + week]
  readonly limit: Int32Array; // per department
  readonly blackout: Uint8Array; // [department * span + week]

  /** Week indices count from firstWeek (a week number) and cover span weeks. */
  constructor(input: PlanningInput, firstWeek: number, readonly span: number) {
    const { desks, departments } = input;
    this.hosted = new Int32Array(desks.length * span);
    this.capacity = new Int32Array(desks.length * span);
    desks.forEach((desk, d) => {
      this.capacity.fill(desk.weeklyCapacity, d * span, (d + 1) * span);
      for (const [week, capacity] of Object.entries(desk.capacityOverrides)) {
        const w = weekNumber(week) - firstWeek;
        if (w >= 0 && w < span) this.capacity[d * span + w] = capacity;
      }
    });
    this.onRotation = new Int32Array(departments.length * span);
    this.limit = Int32Array.from(departments, (department) => departmentLimit(department.maxSharePercent, department.activeHeadcount));
    this.blackout = new Uint8Array(departments.length * span);
    departments.forEach((department, p) => {
      for (const week of department.blackoutWeeks) {
        const w = weekNumber(week) - firstWeek;
        if (w >= 0 && w < span) this.blackout[p * span + w] = 1;
      }
    });
  }

  deskHasRoom(desk: number, week: number): boolean {
    const i = desk * this.span + week;
    return this.hosted[i] < this.capacity[i];
  }

  departmentHasRoom(department: number, week: number): boolean {
    return this.onRotation[department * this.span + week] < this.limit[department];
  }

  isBlackout(department: number, week: number): boolean {
    return this.blackout[department * this.span + week] === 1;
  }

  /** Desk load after adding one more person, as a share of capacity (closed weeks count as overloaded). */
  loadWithOneMore(desk: number, week: number): number {
    const i = desk * this.span + week;
    return this.capacity[i] > 0 ? (this.hosted[i] + 1) / this.capacity[i] : Infinity;
  }

  /** delta = +1 books a block, -1 releases it; desk or department -1 means unknown and is skipped. */
  book(desk: number, department: number, start: number, weeks: number, delta: 1 | -1): void {
    const from = Math.max(0, start);
    const to = Math.min(this.span, start + weeks);
    for (let week = from; week < to; week++) {
      if (desk >= 0) this.hosted[desk * this.span + week] += delta;
      if (department >= 0) this.onRotation[department * this.span + week] += delta;
    }
  }
}
