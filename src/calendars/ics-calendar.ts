// Writes assignments as an RFC 5545 calendar: one event per working session, in the desk's own time zone.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { escape, ICalCalendar, ICalEventStatus } from 'ical-generator';
import { type CalendarAssignment, takesPlace } from './calendar-assignments';
import { workingSessions } from './working-sessions';

export interface IcsContent {
  name: string;
  assignments: CalendarAssignment[];
  /** 'employee': the reader is the person rotating; 'team': events name who is on the desk. */
  readers: 'employee' | 'team';
  /**
   * A subscribed feed simply drops what no longer takes place. A file imported once cannot drop anything, so it
   * carries the same events marked cancelled, which replaces what an earlier file added.
   */
  withdrawn: 'leave-out' | 'mark-cancelled';
}

export function renderIcs({ name, assignments, readers, withdrawn }: IcsContent): string {
  // The generator escapes events' text but writes the calendar's name as given: a desk or person named with a line
  // break would otherwise add properties of its own to the file.
  const calendar = new ICalCalendar({ prodId: { company: 'Frontline', product: 'Rotations' }, name: escape(name, false) });
  // Each event names its desk's zone; the generator adds one VTIMEZONE per zone used, so that calendar apps
  // apply that zone's daylight-saving rules rather than a fixed offset.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const assignment of assignments) {
    const happening = takesPlace(assignment);
    if (!happening && withdrawn === 'leave-out') continue;
    for (const session of workingSessions(assignment.startsOn, assignment.endsOn, assignment.desk, assignment.stages)) {
      calendar.createEvent({
        id: `${assignment.id}-${session.date.replaceAll('-', '')}@frontline`,
        sequence: assignment.version,
        stamp: assignment.updatedAt,
        start: session.start,
        end: session.end,
        timezone: assignment.desk.timeZone,
        summary: readers === 'employee' ? `Rotation: ${assignment.deskName}` : `${assignment.employeeName} on ${assignment.deskName}`,
        location: assignment.deskName,
        description: [
          `Programme: ${assignment.programmeName}`,
          session.stage ? `Stage: ${session.stage}` : null,
          readers === 'team' ? `Department: ${assignment.departmentName}` : null,
        ]
          .filter((line) => line !== null)
          .join('\n'),
        status: happening ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
      });
    }
  }
  return calendar.toString();
}
