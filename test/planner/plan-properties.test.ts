// Property tests over random organisations: every plan keeps every hard rule (by the independent checker), every
// due person is placed or explained, re-planning around published assignments keeps the rules, the plan does not
// depend on input order, and on tiny organisations the on-time count equals a brute-force optimum.
import fc from 'fast-check';
import { checkPlan, findDueCandidates, weekLabel, weekNumber, type AssignmentBlock, type PlanningInput } from '../../src/planner';
import { planAndCheck } from './planner-factories';
import { organisationArbitrary } from './random-organisations';

const pairKey = (entry: { personId: string; programmeId: string }) => `${entry.personId}/${entry.programmeId}`;

describe('plans of random organisations', () => {
  it('keep every hard rule and place or explain every due person exactly once', () => {
    fc.assert(
      fc.property(organisationArbitrary({ maxPeople: 25, maxDesks: 3, maxHorizonWeeks: 12, maxLengthWeeks: 3 }), (input) => {
        const plan = planAndCheck(input);
        const due = findDueCandidates(input).map((candidate) => pairKey({ personId: input.people[candidate.personIndex].id, programmeId: input.programmes[candidate.programmeIndex].id }));
        const answered = [...plan.assignments, ...plan.unplaced].map(pairKey);
        expect(answered.sort()).toEqual(due.sort());
        const lastWeek = weekLabel(weekNumber(input.firstWeek) + input.horizonWeeks - 1);
        for (const assignment of plan.assignments) {
          expect(assignment.firstWeek >= input.firstWeek && assignment.firstWeek <= lastWeek).toBe(true);
          expect(assignment.onTime).toBe(assignment.firstWeek <= assignment.dueWeek);
        }
        expect(plan.figures.placedOnTime + plan.figures.placedLate).toBe(plan.assignments.length);
      }),
      { numRuns: 120 },
    );
  });

  it('keep every rule when part of an earlier plan is published, and never move it', () => {
    fc.assert(
      fc.property(organisationArbitrary({ maxPeople: 12, maxDesks: 3, maxHorizonWeeks: 10, maxLengthWeeks: 3 }), fc.integer({ min: 1, max: 3 }), (input, every) => {
        const published: AssignmentBlock[] = planAndCheck(input)
          .assignments.filter((_, i) => i % every === 0)
          .map(({ personId, programmeId, deskId, firstWeek, weeks }) => ({ personId, programmeId, deskId, firstWeek, weeks }));
        const replanned = planAndCheck({ ...input, fixed: published });
        const publishedOnboarding = new Set(published.filter((block) => block.programmeId === 'onboarding').map(pairKey));
        expect(replanned.assignments.filter((assignment) => publishedOnboarding.has(pairKey(assignment)))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('do not depend on the order people and desks are listed in', () => {
    fc.assert(
      fc.property(organisationArbitrary({ maxPeople: 10, maxDesks: 3, maxHorizonWeeks: 8, maxLengthWeeks: 3 }), fc.nat(), (input, turn) => {
        const rotate = <T>(items: T[]) => [...items.slice(turn % items.length), ...items.slice(0, turn % items.length)];
        expect(planAndCheck({ ...input, people: rotate(input.people).reverse(), desks: rotate(input.desks) })).toEqual(planAndCheck(input));
      }),
      { numRuns: 40 },
    );
  });
});

describe('on tiny organisations', () => {
  it('start as many people on time as an exhaustive search does', () => {
    fc.assert(
      fc.property(organisationArbitrary({ maxPeople: 5, maxDesks: 2, maxHorizonWeeks: 6, maxLengthWeeks: 2 }), (input) => {
        expect(planAndCheck(input).figures.placedOnTime).toBe(mostOnTimeStarts(input));
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * Tries every combination of on-time blocks (or none) for the due people, with the checker as the only judge of
 * what is allowed; every rule only ever adds violations as blocks are added, so a broken partial plan is dropped.
 */
function mostOnTimeStarts(input: PlanningInput): number {
  const firstWeek = weekNumber(input.firstWeek);
  const lastStart = firstWeek + input.horizonWeeks - 1;
  const choices = findDueCandidates(input).map((candidate) => {
    const programme = input.programmes[candidate.programmeIndex];
    const blocks: AssignmentBlock[] = [];
    for (let start = Math.max(firstWeek, candidate.earliestWeek); start <= Math.min(candidate.dueWeek, lastStart); start++) {
      for (const desk of input.desks) {
        blocks.push({ personId: input.people[candidate.personIndex].id, programmeId: programme.id, deskId: desk.id, firstWeek: weekLabel(start), weeks: programme.lengthWeeks });
      }
    }
    return blocks;
  });
  let best = 0;
  const search = (next: number, chosen: AssignmentBlock[]): void => {
    if (chosen.length + choices.length - next <= best) return;
    if (next === choices.length) {
      best = chosen.length;
      return;
    }
    for (const block of choices[next]) {
      const plan = [...chosen, block];
      if (checkPlan(input, [...input.fixed, ...plan]).length === 0) search(next + 1, plan);
    }
    search(next + 1, chosen);
  };
  search(0, []);
  return best;
}
