// The shift an insight or an echo comes from: one of the person's own, and no more of its contacts can have
// raised something than the shift handled.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { InvalidField } from '../http/invalid-fields';
import { channelNames, type Channel } from '../shifts/shift';

export interface ShiftChoice {
  id: string;
  /** "Mon 29 Mar 2027, 09:00–13:00, EMEA phone (phone): 12 contacts" in the desk's time zone. */
  label: string;
  contacts: number;
}

// Enough to reach back over several rotations; an insight is written soon after the shift.
const offeredShifts = 100;

/** The person's shifts, latest first: the first is the default. */
export async function shiftChoices(manager: EntityManager, employeeId: string): Promise<ShiftChoice[]> {
  const rows: { id: string; startsAt: Date; endsAt: Date; contacts: number; channel: Channel; deskName: string; timeZone: string }[] = await manager.query(
    `SELECT sh.id, sh.starts_at AS "startsAt", sh.ends_at AS "endsAt", sh.contacts, sh.channel, d.name AS "deskName", s.time_zone AS "timeZone"
       FROM shifts sh
       JOIN assignments a ON a.id = sh.assignment_id
       JOIN desks d ON d.id = a.desk_id
       JOIN sites s ON s.id = d.site_id
      WHERE sh.employee_id = $1
      ORDER BY sh.starts_at DESC
      LIMIT ${offeredShifts}`,
    [employeeId],
  );
  return rows.map((row) => {
    const start = DateTime.fromJSDate(row.startsAt, { zone: row.timeZone });
    const end = DateTime.fromJSDate(row.endsAt, { zone: row.timeZone });
    const contacts = `${row.contacts} ${row.contacts === 1 ? 'contact' : 'contacts'}`;
    return {
      id: row.id,
      label: `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${end.toFormat('HH:mm')}, ${row.deskName} (${channelNames[row.channel].toLowerCase()}): ${contacts}`,
      contacts: row.contacts,
    };
  });
}

/** Refuses a shift that is not the person's, or more contacts than it handled, on the form's fields. */
export async function checkLinkedShift(
  manager: EntityManager,
  employeeId: string,
  link: { shiftId: string; contacts: number },
  fields: { shift: string; contacts: string },
): Promise<void> {
  const [shift]: { contacts: number }[] = await manager.query(`SELECT contacts FROM shifts WHERE id = $1 AND employee_id = $2`, [link.shiftId, employeeId]);
  if (!shift) throw new InvalidField(fields.shift, 'Choose one of your shifts');
  if (shift.contacts === 0) throw new InvalidField(fields.contacts, 'That shift logged no contacts: choose the shift in which you heard this');
  if (link.contacts > shift.contacts) {
    throw new InvalidField(fields.contacts, `That shift logged ${shift.contacts} ${shift.contacts === 1 ? 'contact' : 'contacts'}: enter at most ${shift.contacts}`);
  }
}
