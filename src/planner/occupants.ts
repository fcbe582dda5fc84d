// Who would have to make way for a candidate to take a slot: few placed people whose removal leaves room in every
// full desk week and department week the slot covers.
import type { PlanningCandidate } from './planning-candidate';
import type { PlanningContext } from './planning-context';
import type { Placements } from './placements';
import type { Slot } from './slot-search';

export class Occupants {
  private readonly longestBlock: number;
  // Per week of the slot: 1 while the desk (or department) still needs someone to leave that week.
  private readonly deskNeeds: Uint8Array;
  private readonly departmentNeeds: Uint8Array;

  constructor(
    private readonly context: PlanningContext,
    private readonly candidates: PlanningCandidate[],
    private readonly placements: Placements,
  ) {
    this.longestBlock = Math.max(1, ...candidates.map((candidate) => candidate.length));
    this.deskNeeds = new Uint8Array(this.longestBlock);
    this.departmentNeeds = new Uint8Array(this.longestBlock);
  }

  /**
   * Department weeks are settled first (their lists are short, and whoever leaves may free the desk too), each
   * time with the occupant who frees the most still-full weeks. Null when a rule no removal can change (an
   * absence, a blackout, a closed desk, the person's own other rotation) stands in the way.
   */
  inTheWay(candidate: number, slot: Slot): number[] | null {
    const { length, department } = this.candidates[candidate];
    const { ledger } = this.context;
    if (!this.nothingElseInTheWay(candidate, slot)) return null;
    for (let i = 0; i < length; i++) {
      this.deskNeeds[i] = ledger.deskHasRoom(slot.desk, slot.start + i) ? 0 : 1;
      this.departmentNeeds[i] = department >= 0 && !ledger.departmentHasRoom(department, slot.start + i) ? 1 : 0;
    }
    const chosen: number[] = [];
    for (let i = 0; i < length; i++) {
      if (this.departmentNeeds[i] === 0) continue;
      const occupant = this.mostHelpful(candidate, slot, slot.start + i, (start) => this.placements.startedInDepartment(department, start));
      if (occupant < 0) return null;
      chosen.push(occupant);
    }
    for (let i = 0; i < length; i++) {
      if (this.deskNeeds[i] === 0) continue;
      const occupant = this.mostHelpful(candidate, slot, slot.start + i, (start) => this.placements.startedOnDesk(slot.desk, start));
      if (occupant < 0) return null;
      chosen.push(occupant);
    }
    return chosen;
  }

  private nothingElseInTheWay(candidate: number, slot: Slot): boolean {
    const { person, length, department } = this.candidates[candidate];
    const { ledger, span } = this.context;
    const limits = this.context.limitsOn(person, slot.desk);
    for (let week = slot.start; week < slot.start + length; week++) {
      if (this.context.isBusy(person, week) || (limits.blockedWeeks && limits.blockedWeeks[week] === 1)) return false;
      if (ledger.capacity[slot.desk * span + week] <= 0) return false;
      if (department >= 0 && (ledger.isBlackout(department, week) || ledger.limit[department] === 0)) return false;
    }
    return true;
  }

  /**
   * Among those whose blocks cover the week, the one who frees the most still-full weeks of the slot, marked as
   * freed; -1 if there is nobody. Stops at the first who frees all of them, since desks on a large company hold
   * hundreds.
   */
  private mostHelpful(candidate: number, slot: Slot, week: number, startedIn: (start: number) => readonly number[]): number {
    const { length, department } = this.candidates[candidate];
    let needed = 0;
    for (let i = 0; i < length; i++) needed += this.deskNeeds[i] + this.departmentNeeds[i];
    let best = -1;
    let bestFreed = 0;
    for (let start = week; start >= Math.max(0, week - this.longestBlock + 1) && bestFreed < needed; start--) {
      for (const occupant of startedIn(start)) {
        if (start + this.candidates[occupant].length <= week) continue;
        const freed = this.freedBy(occupant, slot, length, department);
        if (freed > bestFreed) {
          best = occupant;
          bestFreed = freed;
          if (freed === needed) break;
        }
      }
    }
    if (best >= 0) this.markFreed(best, slot, length, department);
    return best;
  }

  private freedBy(occupant: number, slot: Slot, length: number, department: number): number {
    const sameDesk = this.placements.desk[occupant] === slot.desk;
    const sameDepartment = department >= 0 && this.candidates[occupant].department === department;
    const start = this.placements.start[occupant];
    const end = start + this.candidates[occupant].length;
    let freed = 0;
    for (let i = Math.max(0, start - slot.start); i < length && slot.start + i < end; i++) {
      if (sameDesk) freed += this.deskNeeds[i];
      if (sameDepartment) freed += this.departmentNeeds[i];
    }
    return freed;
  }

  private markFreed(occupant: number, slot: Slot, length: number, department: number): void {
    const sameDesk = this.placements.desk[occupant] === slot.desk;
    const sameDepartment = department >= 0 && this.candidates[occupant].department === department;
    const start = this.placements.start[occupant];
    const end = start + this.candidates[occupant].length;
    for (let i = Math.max(0, start - slot.start); i < length && slot.start + i < end; i++) {
      if (sameDesk) this.deskNeeds[i] = 0;
      if (sameDepartment) this.departmentNeeds[i] = 0;
    }
  }
}
