// How a programme reads on HR's pages.
import type { Programme } from './programme.entity';

export interface ProgrammeSummary {
  id: string;
  name: string;
  kind: string;
  length: string;
  hours: string;
  stages: string;
  timing: string;
  appliesTo: string;
  archived: boolean;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function summariseProgramme(programme: Programme): ProgrammeSummary {
  return {
    id: programme.id,
    name: programme.name,
    kind: programme.kind === 'onboarding' ? 'Onboarding' : 'Recurring',
    length: plural(programme.lengthWeeks, 'week', 'weeks'),
    hours: `${programme.expectedHoursPerWeek} hours a week`,
    stages: programme.stages
      .map((stage) => `${stage.name}: ${stage.unit === 'weeks' ? plural(stage.amount, 'week', 'weeks') : plural(stage.amount, 'shift', 'shifts')}`)
      .join(' → '),
    timing: describeTiming(programme),
    appliesTo: programme.departments.length ? programme.departments.map((department) => department.name).join(', ') : 'All departments',
    archived: programme.archivedAt !== null,
  };
}

function describeTiming(programme: Programme): string {
  if (programme.kind === 'onboarding') {
    const within = `Starts within ${plural(programme.startWithinWeeks ?? 0, 'week', 'weeks')} of the hire date`;
    return programme.appliesToHiresFrom ? `${within}, for people hired from ${programme.appliesToHiresFrom}` : within;
  }
  const early = programme.earlyWeeks ? `, up to ${plural(programme.earlyWeeks, 'week', 'weeks')} early` : '';
  return `Every ${plural(programme.everyMonths ?? 0, 'month', 'months')} after the last rotation (or the hire date)${early}`;
}
