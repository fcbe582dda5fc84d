// How a desk reads on HR's pages.
import type { Desk } from './desk.entity';

const dayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface DeskSummary {
  id: string;
  name: string;
  site: string;
  timeZone: string;
  weeklyCapacity: number;
  minimumHosts: number | null;
  hosts: string;
  pattern: string;
  overrides: { week: string; capacity: number }[];
  archived: boolean;
}

export function summariseDesk(desk: Desk): DeskSummary {
  return {
    id: desk.id,
    name: desk.name,
    site: desk.site.name,
    timeZone: desk.site.timeZone,
    weeklyCapacity: desk.weeklyCapacity,
    minimumHosts: desk.minimumHosts,
    hosts: desk.hostableSites.length ? desk.hostableSites.map((site) => site.name).join(', ') : 'All sites',
    pattern: `${describeDays(desk.workingDays)} ${desk.startTime.slice(0, 5)}–${desk.endTime.slice(0, 5)}`,
    overrides: desk.capacityOverrides.map(({ week, capacity }) => ({ week, capacity })),
    archived: desk.archivedAt !== null,
  };
}

/** ISO weekdays as people write them: runs of three or more days as a range, e.g. "Mon–Fri, Sun". */
export function describeDays(days: number[]): string {
  const runs: number[][] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${dayNames[run[0] - 1]}–${dayNames[run[run.length - 1] - 1]}`] : run.map((day) => dayNames[day - 1])))
    .join(', ');
}
