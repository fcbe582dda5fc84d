// The desk form: its rules, and the values it shows (from a saved desk, or as submitted when it is shown again).
import { z } from 'zod';
import type { Desk } from './desk.entity';
import { blankAsNull, idField, tickedField, timeOfDayField, weekRangeCheck, weekRangeFields, wholeNumberField } from './form-fields';
import { text, ticked } from './submitted-values';

export const weekdays = [
  { value: '1', label: 'Monday' },
  { value: '2', label: 'Tuesday' },
  { value: '3', label: 'Wednesday' },
  { value: '4', label: 'Thursday' },
  { value: '5', label: 'Friday' },
  { value: '6', label: 'Saturday' },
  { value: '7', label: 'Sunday' },
];

export const maxDeskCapacity = 100_000;

export const deskForm = z
  .object({
    name: z.string({ error: 'Enter the desk’s name' }).trim().min(1, 'Enter the desk’s name').max(100, 'A desk’s name is at most 100 characters'),
    siteId: idField('Choose the desk’s site'),
    hosts: z.enum(['all', 'some'], { error: 'Choose whose employees the desk may host' }),
    hostableSiteIds: tickedField(idField('Choose sites from the list')),
    days: tickedField(z.enum(weekdays.map((day) => day.value) as [string, ...string[]], { error: 'Choose days from the list' })).refine(
      (days) => days.length > 0,
      'Tick at least one working day',
    ),
    startTime: timeOfDayField('the start time'),
    endTime: timeOfDayField('the end time'),
    weeklyCapacity: wholeNumberField('the weekly capacity', 0, maxDeskCapacity),
    minimumHosts: blankAsNull(wholeNumberField('the minimum hosts', 0, maxDeskCapacity)),
  })
  .superRefine((form, context) => {
    // Runs even when a field failed its own check: a time that failed reads as ''.
    if (form.startTime && form.endTime && form.endTime <= form.startTime) {
      context.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time' });
    }
    if (typeof form.minimumHosts === 'number' && typeof form.weeklyCapacity === 'number' && form.minimumHosts > form.weeklyCapacity) {
      context.addIssue({ code: 'custom', path: ['minimumHosts'], message: 'The minimum hosts cannot be more than the weekly capacity' });
    }
    if (form.hosts === 'some' && form.hostableSiteIds.length === 0) {
      context.addIssue({ code: 'custom', path: ['hostableSiteIds'], message: 'Tick the sites whose employees the desk may host, or choose every site' });
    }
  })
  .transform(({ hosts, hostableSiteIds, days, ...fields }) => ({
    ...fields,
    hostableSiteIds: hosts === 'all' ? [] : [...new Set(hostableSiteIds)].sort(),
    days: [...new Set(days)].map(Number).sort((a, b) => a - b),
  }));

export type DeskFields = z.output<typeof deskForm>;

export const capacityOverrideForm = z
  .object({ ...weekRangeFields(), capacity: wholeNumberField('the capacity', 0, maxDeskCapacity) })
  .superRefine(weekRangeCheck);

export interface DeskFormValues {
  name: string;
  siteId: string;
  hosts: string;
  hostableSiteIds: string[];
  days: string[];
  startTime: string;
  endTime: string;
  weeklyCapacity: string;
  minimumHosts: string;
}

export const newDeskValues: DeskFormValues = {
  name: '',
  siteId: '',
  hosts: 'all',
  hostableSiteIds: [],
  days: ['1', '2', '3', '4', '5'],
  startTime: '09:00',
  endTime: '17:00',
  weeklyCapacity: '',
  minimumHosts: '',
};

export function deskValuesOf(desk: Desk): DeskFormValues {
  return {
    name: desk.name,
    siteId: desk.siteId,
    hosts: desk.hostableSites.length ? 'some' : 'all',
    hostableSiteIds: desk.hostableSites.map((site) => site.id),
    days: desk.workingDays.map(String),
    startTime: desk.startTime.slice(0, 5),
    endTime: desk.endTime.slice(0, 5),
    weeklyCapacity: String(desk.weeklyCapacity),
    minimumHosts: desk.minimumHosts === null ? '' : String(desk.minimumHosts),
  };
}

export function submittedDeskValues(body: Record<string, unknown> | undefined): DeskFormValues {
  return {
    name: text(body?.name),
    siteId: text(body?.siteId),
    hosts: text(body?.hosts),
    hostableSiteIds: ticked(body?.hostableSiteIds),
    days: ticked(body?.days),
    startTime: text(body?.startTime),
    endTime: text(body?.endTime),
    weeklyCapacity: text(body?.weeklyCapacity),
    minimumHosts: text(body?.minimumHosts),
  };
}
