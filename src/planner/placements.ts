// Where each candidate is placed so far, indexed by desk and department start weeks so the improvement phase can
// find who occupies the weeks another person needs.
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Slot } from './slot-search';

export class Placements {
  readonly desk: Int32Array; // per candidate, -1 = not placed
  readonly start: Int32Array;
  private readonly byDeskWeek = new Map<number, number[]>();
  private readonly byDepartmentWeek = new Map<number, number[]>();

  constructor(private readonly context: PlanningContext, private readonly candidates: PlanningCandidate[]) {
    this.desk = new Int32Array(candidates.length).fill(-1);
    this.start = new Int32Array(candidates.length);
  }

  isPlaced(candidate: number): boolean {
    return this.desk[candidate] >= 0;
  }

  place(candidate: number, slot: Slot): void {
    const { person, length, department } = this.candidates[candidate];
    this.context.book(person, slot.desk, slot.start, length);
    this.desk[candidate] = slot.desk;
    this.start[candidate] = slot.start;
    push(this.byDeskWeek, this.ownerWeekKey(slot.desk, slot.start), candidate);
    if (department >= 0) push(this.byDepartmentWeek, this.ownerWeekKey(department, slot.start), candidate);
  }

  remove(candidate: number): Slot {
    const { person, length, department } = this.candidates[candidate];
    const slot = { desk: this.desk[candidate], start: this.start[candidate] };
    this.context.release(person, slot.desk, slot.start, length);
    this.desk[candidate] = -1;
    pull(this.byDeskWeek, this.ownerWeekKey(slot.desk, slot.start), candidate);
    if (department >= 0) pull(this.byDepartmentWeek, this.ownerWeekKey(department, slot.start), candidate);
    return slot;
  }

  /** Planned candidates on the desk whose blocks cover every week from firstWeek to lastWeek. */
  coveringOnDesk(desk: number, firstWeek: number, lastWeek: number, longestBlock: number): number[] {
    return this.covering(this.byDeskWeek, desk, firstWeek, lastWeek, longestBlock);
  }

  coveringInDepartment(department: number, firstWeek: number, lastWeek: number, longestBlock: number): number[] {
    return this.covering(this.byDepartmentWeek, department, firstWeek, lastWeek, longestBlock);
  }

  private covering(index: Map<number, number[]>, owner: number, firstWeek: number, lastWeek: number, longestBlock: number): number[] {
    const found: number[] = [];
    for (let start = Math.max(0, lastWeek - longestBlock + 1); start <= firstWeek; start++) {
      for (const candidate of index.get(this.ownerWeekKey(owner, start)) ?? []) {
        if (start + this.candidates[candidate].length - 1 >= lastWeek) found.push(candidate);
      }
    }
    return found;
  }

  private ownerWeekKey(owner: number, start: number): number {
    return owner * this.context.span + start;
  }
}

function push(index: Map<number, number[]>, key: number, candidate: number): void {
  const list = index.get(key);
  if (list) list.push(candidate);
  else index.set(key, [candidate]);
}

function pull(index: Map<number, number[]>, key: number, candidate: number): void {
  const list = index.get(key)!;
  list.splice(list.indexOf(candidate), 1);
}
