// Time away from work: a range of calendar days, both ends included. The planner avoids these days.
export const absenceTypes = ['vacation', 'sick-leave', 'parental-leave', 'training', 'other'] as const;
export type AbsenceType = (typeof absenceTypes)[number];

export const absenceTypeNames: Record<AbsenceType, string> = {
  vacation: 'Vacation',
  'sick-leave': 'Sick leave',
  'parental-leave': 'Parental leave',
  training: 'Training',
  other: 'Other',
};

export interface AbsenceFields {
  type: AbsenceType;
  /** ISO dates, e.g. 2026-03-02; endsOn is the last day away. */
  startsOn: string;
  endsOn: string;
  note: string | null;
}

export interface Absence extends AbsenceFields {
  id: string;
  employeeId: string;
  typeName: string;
  /** Calendar days, both ends included. */
  days: number;
}

/** The person whose absences a page shows. */
export interface AbsenceOwner {
  id: string;
  fullName: string;
}
