// The exact integer programme behind "as many people as possible start on time": one binary per (due person, desk,
// on-time start) that the checker accepts on its own, and a row per desk week, department week and person week
// for the limits that only bind when people share them. Late starts only ever take room, never make it, so this
// programme's optimum is the most on-time starts any plan can have.
import type { Highs } from 'highs';
import { checkPlan, findDueCandidates, weekLabel, weekNumber, type AssignmentBlock, type PlanningInput } from '../../src/planner';

interface Row {
  terms: string[];
  limit: number;
}

export interface OnTimeModel {
  lp: string | null; // null when nobody can start on time at all, which LP format cannot express
  blocks: AssignmentBlock[]; // the block each variable x<i> stands for
}

export interface OnTimeOptimum {
  onTime: number;
  assignments: AssignmentBlock[]; // the solver's on-time plan, for the checker to confirm
}

export function buildOnTimeModel(input: PlanningInput): OnTimeModel {
  const firstWeek = weekNumber(input.firstWeek);
  const lastStart = firstWeek + input.horizonWeeks - 1;
  const rows = new Map<string, Row>();
  const addTerm = (key: string, limit: () => number, variable: string) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { terms: [], limit: limit() }));
    row.terms.push(variable);
  };
  const publishedLoad = fixedLoad(input);
  const departments = new Map(input.departments.map((department) => [department.id, department]));
  const variables: string[] = [];
  const blocks: AssignmentBlock[] = [];

  findDueCandidates(input).forEach((candidate, c) => {
    const person = input.people[candidate.personIndex];
    const programme = input.programmes[candidate.programmeIndex];
    const fixedOfPerson = input.fixed.filter((block) => block.personId === person.id);
    const department = departments.get(person.departmentId);
    for (const desk of input.desks) {
      for (let start = Math.max(firstWeek, candidate.earliestWeek); start <= Math.min(candidate.dueWeek, lastStart); start++) {
        const block: AssignmentBlock = { personId: person.id, programmeId: programme.id, deskId: desk.id, firstWeek: weekLabel(start), weeks: programme.lengthWeeks };
        if (checkPlan(input, [...fixedOfPerson, block]).length > 0) continue;
        const variable = `x${variables.length}`;
        variables.push(variable);
        blocks.push(block);
        addTerm(`candidate ${c}`, () => 1, variable);
        for (let week = start; week < start + programme.lengthWeeks; week++) {
          const label = weekLabel(week);
          addTerm(`desk ${desk.id} ${label}`, () => (desk.capacityOverrides[label] ?? desk.weeklyCapacity) - publishedLoad.taken(`desk ${desk.id} ${label}`), variable);
          if (department) {
            const limit = department.maxSharePercent > 0 ? Math.max(1, Math.floor((department.maxSharePercent * department.activeHeadcount) / 100)) : 0;
            addTerm(`department ${department.id} ${label}`, () => limit - publishedLoad.taken(`department ${department.id} ${label}`), variable);
          }
          addTerm(`person ${person.id} ${label}`, () => 1, variable);
        }
      }
    }
  });

  const constraints = [...rows.values()]
    .filter((row) => row.terms.length > row.limit)
    .map((row, r) => ` r${r}: ${wrap(row.terms, ' + ')} <= ${Math.max(0, row.limit)}`);
  if (variables.length === 0) return { lp: null, blocks };
  const lp = [
    'Maximize',
    ` onTime: ${wrap(variables, ' + ')}`,
    'Subject To',
    ...(constraints.length > 0 ? constraints : [` r0: ${variables[0]} <= 1`]),
    'Binary',
    ...chunk(variables).map((line) => ` ${line.join(' ')}`),
    'End',
  ].join('\n');
  return { lp, blocks };
}

export function solveOnTimeOptimum(highs: Highs, model: OnTimeModel): OnTimeOptimum {
  if (model.lp === null) return { onTime: 0, assignments: [] };
  const solution = highs.solve(model.lp, { output_flag: false, mip_rel_gap: 0 });
  if (solution.Status !== 'Optimal') throw new Error(`HiGHS ended with ${solution.Status}`);
  const assignments = model.blocks.filter((_, i) => solution.Columns[`x${i}`].Primal > 0.5);
  return { onTime: Math.round(solution.ObjectiveValue), assignments };
}

/** How much of each desk week and department week the published assignments already use. */
function fixedLoad(input: PlanningInput) {
  const departmentOf = new Map(input.people.map((person) => [person.id, person.departmentId]));
  const taken = new Map<string, number>();
  const add = (key: string) => taken.set(key, (taken.get(key) ?? 0) + 1);
  for (const block of input.fixed) {
    for (let week = weekNumber(block.firstWeek); week < weekNumber(block.firstWeek) + block.weeks; week++) {
      add(`desk ${block.deskId} ${weekLabel(week)}`);
      add(`department ${departmentOf.get(block.personId)} ${weekLabel(week)}`);
    }
  }
  return { taken: (key: string) => taken.get(key) ?? 0 };
}

// LP-format readers cap line length, so long sums are split over lines.
function wrap(terms: string[], separator: string): string {
  return chunk(terms).map((line) => line.join(separator)).join(`${separator}\n   `);
}

function chunk<T>(items: T[], size = 20): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
