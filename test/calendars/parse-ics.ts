// Reads a served calendar with ical.js, a parser independent of the library that writes it.

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  status: string | null;
  /** The TZID the event's start names. */
  startZone: string | null;
  /** Local wall time as written, 'yyyy-MM-ddTHH:mm:ss'. */
  startLocal: string;
  /** The instant, resolved through the calendar's own VTIMEZONE. */
  startUtc: string;
  endUtc: string;
}

export interface ParsedCalendar {
  name: string | null;
  zones: string[];
  events: ParsedEvent[];
}

export async function parseIcs(text: string): Promise<ParsedCalendar> {
  // ical.js is an ES module; a dynamic import is how this CommonJS test code may load it.
  const { default: ICAL } = await import('ical.js');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => {
    const timezone = new ICAL.Timezone(zone);
    ICAL.TimezoneService.register(timezone, timezone.tzid);
    return timezone.tzid;
  });
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const start = component.getFirstProperty('dtstart')!;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      startZone: (start.getParameter('tzid') as string | undefined) ?? null,
      startLocal: event.startDate.toString(),
      startUtc: event.startDate.toJSDate().toISOString(),
      endUtc: event.endDate.toJSDate().toISOString(),
    };
  });
  return { name: (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null, zones, events };
}
