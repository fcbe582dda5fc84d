import type { DueCandidate } from './due-candidates';

/** A due (person, programme) pair with its weeks turned into indices of the planning window. */
export interface PlanningCandidate {
  due: DueCandidate;
  person: number;
  department: number;
  length: number;
  earliestStart: number; // first start the planner may use at all (never before the horizon)
  latestOnTimeStart: number; // the due week; negative when the person is already overdue
}
