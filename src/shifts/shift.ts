// A shift: a stretch of time an employee worked a desk on their rotation, at one stage of the programme.
export const channels = ['phone', 'chat', 'email', 'social', 'in-person'] as const;
export type Channel = (typeof channels)[number];

export const channelNames: Record<Channel, string> = {
  phone: 'Phone',
  chat: 'Chat',
  email: 'Email',
  social: 'Social media',
  'in-person': 'In person',
};

/** In the order a person moves through them. */
export const stages = ['shadowing', 'paired', 'solo'] as const;
export type Stage = (typeof stages)[number];

export const stageNames: Record<Stage, string> = { shadowing: 'Shadowing', paired: 'Paired', solo: 'Solo' };

/** What a person enters for a shift, with the times already turned into instants at the desk. */
export interface ShiftFields {
  startsAt: Date;
  endsAt: Date;
  channel: Channel;
  contacts: number;
  stage: Stage;
  notes: string | null;
  absenceConfirmed: boolean;
}

export interface Shift extends ShiftFields {
  id: string;
  assignmentId: string;
  employeeId: string;
  version: number;
}

/** Real elapsed hours: on a daylight-saving day, 00:00–08:00 on the wall is 7 or 9 hours, and that is what counts. */
export const hoursOf = (shift: Pick<Shift, 'startsAt' | 'endsAt'>): number => (shift.endsAt.getTime() - shift.startsAt.getTime()) / 3_600_000;

/** Hours rounded to the minute's hundredth, as pages and sums show them. */
export const roundHours = (hours: number): number => Math.round(hours * 100) / 100;
