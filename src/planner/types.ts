// The planner's contract: everything it reads and everything it returns, as plain data.

export type IsoDate = string; // 'YYYY-MM-DD' (a calendar date)
export type IsoWeek = string; // '2027-W05'

export interface PlanningInput {
  firstWeek: IsoWeek; // first week of the horizon (the next Monday's week, chosen by the caller)
  horizonWeeks: number;
  departments: PlannerDepartment[];
  desks: PlannerDesk[];
  programmes: PlannerProgramme[];
  people: PlannerPerson[];
  fixed: AssignmentBlock[]; // published or started assignments: never moved, but they use capacity and limits
}

export interface PlannerDepartment {
  id: string;
  name: string;
  activeHeadcount: number;
  maxSharePercent: number; // limit = P > 0 ? max(1, floor(P * headcount / 100)) : 0
  blackoutWeeks: IsoWeek[];
}

export interface WorkingPattern {
  days: number[]; // ISO weekdays 1=Mon..7=Sun
  start: string; // 'HH:mm' local to the desk
  end: string; // 'HH:mm' local to the desk; at or before start means the shift ends the next day
}

export interface PlannerDesk {
  id: string;
  name: string;
  timeZone: string;
  hostableSiteIds: string[] | null; // null = may host employees of every site
  pattern: WorkingPattern;
  weeklyCapacity: number;
  capacityOverrides: Record<IsoWeek, number>; // week -> capacity (0 = closed)
}

export interface PlannerProgramme {
  id: string;
  name: string;
  kind: 'onboarding' | 'recurring';
  lengthWeeks: number;
  departmentIds: string[] | null; // null = applies to all departments
  startWithinWeeks: number;
  appliesToHiresFrom: IsoDate | null;
  everyMonths: number;
  earlyWeeks: number;
}

export interface PlannerPerson {
  id: string;
  name: string;
  departmentId: string;
  siteId: string;
  timeZone: string; // hire, termination and absence dates are calendar dates in this zone
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  absences: { from: IsoDate; to: IsoDate }[]; // inclusive calendar dates
  exemptProgrammeIds: string[];
  completedProgrammeIds: string[];
  lastRotationEnd: IsoDate | null;
}

export interface AssignmentBlock {
  personId: string;
  programmeId: string;
  deskId: string;
  firstWeek: IsoWeek;
  weeks: number;
}

export interface PlannedAssignment extends AssignmentBlock {
  dueWeek: IsoWeek;
  onTime: boolean;
}

export type UnplacedReason =
  | 'no-desk-capacity'
  | 'department-limit'
  | 'blackout'
  | 'absences'
  | 'no-eligible-desk'
  | 'employment-dates'
  | 'other-rotation'; // every start left overlaps another rotation of the same person

export interface Unplaced {
  personId: string;
  programmeId: string;
  dueWeek: IsoWeek;
  reason: UnplacedReason;
  explanation: string;
}

export interface Violation {
  rule: ViolationRule;
  message: string;
  personId?: string;
  deskId?: string;
  departmentId?: string;
  week?: IsoWeek;
}

export type ViolationRule =
  | 'unknown-reference'
  | 'desk-capacity'
  | 'department-limit'
  | 'blackout'
  | 'before-hire'
  | 'after-termination'
  | 'absence'
  | 'desk-site'
  | 'desk-without-working-days'
  | 'overlap'
  | 'block-length'
  | 'programme-department';

export interface Plan {
  assignments: PlannedAssignment[];
  unplaced: Unplaced[];
  figures: PlanFigures;
}

export interface PlanFigures {
  peopleDue: number; // due (person, programme) pairs
  placedOnTime: number;
  placedLate: number;
  unplacedByReason: Record<UnplacedReason, number>;
  deskWeeks: { deskId: string; week: IsoWeek; hosted: number; capacity: number }[];
  departmentWeeks: { departmentId: string; week: IsoWeek; onRotation: number; limit: number }[];
}
