// The improvement phase: a person who missed their on-time window takes a slot from someone already placed,
// when that person can move to another on-time slot of their own (an augmenting move, a few levels deep).
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Placements } from './placements';
import { findSlot, slotIsFree, type Slot } from './slot-search';

// Bounds the search per person so a large company with many misses still plans in seconds.
const MOVES_TRIED_PER_PERSON = 48;

interface FullWeeks {
  deskFrom: number; // -1 when the desk has room in every week
  deskTo: number;
  departmentFrom: number; // -1 when the department has room in every week
  departmentTo: number;
}

export class OnTimeRepair {
  private readonly longestBlock: number;
  private movesLeft = 0;

  constructor(
    private readonly context: PlanningContext,
    private readonly candidates: PlanningCandidate[],
    private readonly placements: Placements,
  ) {
    this.longestBlock = Math.max(1, ...candidates.map((candidate) => candidate.length));
  }

  /** Places the candidate on time, moving up to `depth` chains of other people; false leaves everything as it was. */
  placeOnTime(candidate: number, depth: number): boolean {
    this.movesLeft = MOVES_TRIED_PER_PERSON;
    return this.place(candidate, depth, new Set([candidate]));
  }

  private place(candidate: number, depth: number, locked: Set<number>): boolean {
    const { person, length, earliestStart, latestOnTimeStart } = this.candidates[candidate];
    const direct = findSlot(this.context, person, length, earliestStart, latestOnTimeStart, 'least-loaded');
    if (direct) {
      this.placements.place(candidate, direct);
      return true;
    }
    if (depth === 0) return false;
    for (const desk of this.context.eligibleDesks(person)) {
      const limits = this.context.limitsOn(person, desk);
      const from = Math.max(earliestStart, limits.earliestStart);
      const to = Math.min(latestOnTimeStart, limits.latestEnd - length + 1, this.context.horizon - 1);
      for (let start = from; start <= to; start++) {
        const full = this.fullWeeks(candidate, { desk, start });
        if (!full) continue;
        for (const occupant of this.occupantsToMove(candidate, desk, full)) {
          if (locked.has(occupant)) continue;
          if (this.movesLeft-- <= 0) return false;
          if (this.takeSlotFrom(candidate, { desk, start }, occupant, depth, locked)) return true;
        }
      }
    }
    return false;
  }

  private takeSlotFrom(candidate: number, slot: Slot, occupant: number, depth: number, locked: Set<number>): boolean {
    const occupantSlot = this.placements.remove(occupant);
    const { person, length } = this.candidates[candidate];
    if (slotIsFree(this.context, person, length, slot)) {
      this.placements.place(candidate, slot);
      locked.add(occupant);
      const moved = this.place(occupant, depth - 1, locked);
      locked.delete(occupant);
      if (moved) return true;
      this.placements.remove(candidate);
    }
    this.placements.place(occupant, occupantSlot);
    return false;
  }

  /** Weeks where only a full desk or department stands in the way; null when something else blocks the slot. */
  private fullWeeks(candidate: number, slot: Slot): FullWeeks | null {
    const { person, length, department } = this.candidates[candidate];
    const { ledger } = this.context;
    const limits = this.context.limitsOn(person, slot.desk);
    const full: FullWeeks = { deskFrom: -1, deskTo: -1, departmentFrom: -1, departmentTo: -1 };
    for (let week = slot.start; week < slot.start + length; week++) {
      if (this.context.isBusy(person, week) || (limits.blockedWeeks && limits.blockedWeeks[week] === 1)) return null;
      if (ledger.capacity[slot.desk * this.context.span + week] <= 0) return null;
      if (!ledger.deskHasRoom(slot.desk, week)) {
        if (full.deskFrom < 0) full.deskFrom = week;
        full.deskTo = week;
      }
      if (department < 0) continue;
      if (ledger.isBlackout(department, week) || ledger.limit[department] === 0) return null;
      if (!ledger.departmentHasRoom(department, week)) {
        if (full.departmentFrom < 0) full.departmentFrom = week;
        full.departmentTo = week;
      }
    }
    return full;
  }

  /** Placed people whose removal alone would make room in every full week. */
  private occupantsToMove(candidate: number, desk: number, full: FullWeeks): number[] {
    const { department } = this.candidates[candidate];
    const coversDepartmentWeeks = (occupant: number) =>
      full.departmentFrom < 0 ||
      (this.candidates[occupant].department === department &&
        this.placements.start[occupant] <= full.departmentFrom &&
        this.placements.start[occupant] + this.candidates[occupant].length - 1 >= full.departmentTo);
    if (full.deskFrom >= 0) {
      return this.placements.coveringOnDesk(desk, full.deskFrom, full.deskTo, this.longestBlock).filter(coversDepartmentWeeks);
    }
    return this.placements.coveringInDepartment(department, full.departmentFrom, full.departmentTo, this.longestBlock);
  }
}
