// Where each candidate is placed so far, indexed by desk and department start weeks so the improvement phase can
// find who occupies the weeks another person needs, with a journal so a search can return to its best state.
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Slot } from './slot-search';

const NOBODY: readonly number[] = [];

export class Placements {
  readonly desk: Int32Array; // per candidate, -1 = not placed
  readonly start: Int32Array;
  placedCount = 0;
  private journal: number[] | null = null; // [candidate, desk before, start before] per change while recording
  private readonly byDeskStart: StartIndex;
  private readonly byDepartmentStart: StartIndex;

  constructor(private readonly context: PlanningContext, private readonly candidates: PlanningCandidate[]) {
    this.desk = new Int32Array(candidates.length).fill(-1);
    this.start = new Int32Array(candidates.length);
    this.byDeskStart = new StartIndex(candidates.length);
    this.byDepartmentStart = new StartIndex(candidates.length);
  }

  isPlaced(candidate: number): boolean {
    return this.desk[candidate] >= 0;
  }

  place(candidate: number, slot: Slot): void {
    const { person, length, department } = this.candidates[candidate];
    this.journal?.push(candidate, -1, 0);
    this.placedCount++;
    this.context.book(person, slot.desk, slot.start, length);
    this.desk[candidate] = slot.desk;
    this.start[candidate] = slot.start;
    this.byDeskStart.add(this.key(slot.desk, slot.start), candidate);
    if (department >= 0) this.byDepartmentStart.add(this.key(department, slot.start), candidate);
  }

  remove(candidate: number): Slot {
    const { person, length, department } = this.candidates[candidate];
    const slot = { desk: this.desk[candidate], start: this.start[candidate] };
    this.journal?.push(candidate, slot.desk, slot.start);
    this.placedCount--;
    this.context.release(person, slot.desk, slot.start, length);
    this.desk[candidate] = -1;
    this.byDeskStart.delete(this.key(slot.desk, slot.start), candidate);
    if (department >= 0) this.byDepartmentStart.delete(this.key(department, slot.start), candidate);
    return slot;
  }

  /** From now on, undoChanges returns to the current placements. */
  recordChanges(): void {
    this.journal = [];
  }

  /** Returns to the placements of the last recordChanges and stops recording. */
  undoChanges(): void {
    const journal = this.journal ?? [];
    this.journal = null;
    while (journal.length > 0) {
      const start = journal.pop()!;
      const desk = journal.pop()!;
      const candidate = journal.pop()!;
      if (this.isPlaced(candidate)) this.remove(candidate);
      if (desk >= 0) this.place(candidate, { desk, start });
    }
  }

  /** Candidates placed on the desk with a block starting in the given week. */
  startedOnDesk(desk: number, start: number): readonly number[] {
    return this.byDeskStart.get(this.key(desk, start));
  }

  startedInDepartment(department: number, start: number): readonly number[] {
    return this.byDepartmentStart.get(this.key(department, start));
  }

  private key(owner: number, start: number): number {
    return owner * this.context.span + start;
  }
}

/** Lists of candidates by key, where each candidate remembers its position so leaving a list takes constant time. */
class StartIndex {
  private readonly lists = new Map<number, number[]>();
  private readonly position: Int32Array;

  constructor(candidateCount: number) {
    this.position = new Int32Array(candidateCount);
  }

  get(key: number): readonly number[] {
    return this.lists.get(key) ?? NOBODY;
  }

  add(key: number, candidate: number): void {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    this.position[candidate] = list.length;
    list.push(candidate);
  }

  delete(key: number, candidate: number): void {
    const list = this.lists.get(key)!;
    const last = list.pop()!;
    if (last === candidate) return;
    list[this.position[candidate]] = last;
    this.position[last] = this.position[candidate];
  }
}
