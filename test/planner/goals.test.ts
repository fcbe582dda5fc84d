// The planner's goals in order, and determinism: on time first, then late as early as possible or unplaced with a
// reason, then even desk load, then the person waiting longest first.
import {
  assignmentOf,
  buildDesk,
  buildOrganisation,
  buildPerson,
  buildRefresher,
  dueIn,
  planAndCheck,
  unplacedOf,
} from './planner-factories';

describe('goal 1: as many on-time starts as possible', () => {
  it('serves the person whose window closes first before one who could also start later', () => {
    // Ada waited longer, but taking 2027-W03 (the horizon's first week) would make Bob late; Ada can still start in
    // 2027-W04.
    const plan = planAndCheck(
      buildOrganisation({
        firstWeek: '2027-W03',
        programmes: [buildRefresher({ earlyWeeks: 1 })],
        people: [dueIn('2027-W04', { id: 'ada', hireDate: '2018-01-08' }), dueIn('2027-W03', { id: 'bob', hireDate: '2022-01-10' })],
      }),
    );
    expect(assignmentOf(plan, 'bob')).toMatchObject({ firstWeek: '2027-W03', onTime: true });
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W04', onTime: true });
  });

  it('uses the desk only a few may use for those few, and the shared desk for everyone else', () => {
    const tokyoOnly = buildDesk({ id: 'tokyo-chat', hostableSiteIds: ['tokyo'] });
    const anyone = buildDesk({ id: 'global', hostableSiteIds: null });
    const plan = planAndCheck(
      buildOrganisation({
        desks: [anyone, tokyoOnly],
        people: [dueIn('2027-W04', { id: 'ada', siteId: 'tokyo' }), dueIn('2027-W04', { id: 'bob', siteId: 'london' })],
      }),
    );
    expect(plan.figures.placedOnTime).toBe(2);
    expect(assignmentOf(plan, 'ada')!.deskId).toBe('tokyo-chat');
  });
});

describe('goal 2: the rest as early as possible after their due week, or unplaced with a reason', () => {
  it('queues late people into the next free weeks', () => {
    const plan = planAndCheck(buildOrganisation({ people: ['ada', 'bob', 'cy'].map((id) => dueIn('2027-W04', { id })) }));
    expect(plan.assignments.map(({ firstWeek, onTime }) => [firstWeek, onTime])).toEqual([
      ['2027-W04', true],
      ['2027-W05', false],
      ['2027-W06', false],
    ]);
    expect(plan.figures).toMatchObject({ peopleDue: 3, placedOnTime: 1, placedLate: 2 });
  });

  it('starts people already overdue in the first week of the horizon', () => {
    const plan = planAndCheck(buildOrganisation({ people: [buildPerson({ lastRotationEnd: '2025-06-30' })] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W02', dueWeek: '2026-W27', onTime: false });
  });

  it('explains when no desk has room anywhere in the horizon', () => {
    const plan = planAndCheck(buildOrganisation({ desks: [buildDesk({ weeklyCapacity: 0 })], people: [dueIn('2027-W04')] }));
    expect(unplacedOf(plan, 'ada')).toEqual({
      personId: 'ada',
      programmeId: 'refresher',
      dueWeek: '2027-W04',
      reason: 'no-desk-capacity',
      explanation: 'The desks that may host this employee were full for 6 of 6 possible desk starts between 2027-W04 and 2027-W09.',
    });
    expect(plan.figures.unplacedByReason['no-desk-capacity']).toBe(1);
  });
});

describe('goal 3: desk load as even as possible', () => {
  it('spreads people over the weeks of their windows instead of piling them into one', () => {
    const plan = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ weeklyCapacity: 4 })],
        programmes: [buildRefresher({ earlyWeeks: 3 })],
        people: ['ada', 'bob', 'cy', 'dee'].map((id) => dueIn('2027-W06', { id })),
      }),
    );
    expect(plan.figures.placedOnTime).toBe(4);
    expect(new Set(plan.assignments.map((assignment) => assignment.firstWeek)).size).toBe(4);
  });

  it('spreads people over desks', () => {
    const plan = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ id: 'a', weeklyCapacity: 2 }), buildDesk({ id: 'b', weeklyCapacity: 2 })],
        people: ['ada', 'bob'].map((id) => dueIn('2027-W04', { id })),
      }),
    );
    expect(plan.assignments.map((assignment) => assignment.deskId).sort()).toEqual(['a', 'b']);
  });
});

describe('goal 4: among equals, the person waiting longest first', () => {
  it('gives the one free week to the person hired earlier', () => {
    const plan = planAndCheck(
      buildOrganisation({ people: [dueIn('2027-W04', { id: 'newer', hireDate: '2024-05-06' }), dueIn('2027-W04', { id: 'older', hireDate: '2016-05-02' })] }),
    );
    expect(assignmentOf(plan, 'older')).toMatchObject({ firstWeek: '2027-W04', onTime: true });
    expect(assignmentOf(plan, 'newer')).toMatchObject({ firstWeek: '2027-W05', onTime: false });
  });

  it('serves the person overdue longest first', () => {
    const plan = planAndCheck(
      buildOrganisation({
        people: [buildPerson({ id: 'recently-due', lastRotationEnd: '2025-12-01' }), buildPerson({ id: 'long-overdue', lastRotationEnd: '2025-06-02' })],
      }),
    );
    expect(assignmentOf(plan, 'long-overdue')!.firstWeek).toBe('2027-W02');
    expect(assignmentOf(plan, 'recently-due')!.firstWeek).toBe('2027-W03');
  });
});

describe('determinism', () => {
  const busyOrganisation = () =>
    buildOrganisation({
      desks: [buildDesk({ id: 'a', weeklyCapacity: 2 }), buildDesk({ id: 'b', timeZone: 'America/New_York', weeklyCapacity: 1 })],
      programmes: [buildRefresher({ earlyWeeks: 2, lengthWeeks: 2 })],
      people: Array.from({ length: 12 }, (_, i) => dueIn(`2027-W0${3 + (i % 4)}`, { id: `p${String(i).padStart(2, '0')}`, hireDate: `201${i % 10}-03-0${1 + (i % 7)}` })),
    });

  it('makes the same plan from the same organisation', () => {
    expect(planAndCheck(busyOrganisation())).toEqual(planAndCheck(busyOrganisation()));
  });

  it('makes the same plan whatever order people, desks and programmes are listed in', () => {
    const organisation = busyOrganisation();
    const reversed = { ...organisation, people: [...organisation.people].reverse(), desks: [...organisation.desks].reverse() };
    expect(planAndCheck(reversed)).toEqual(planAndCheck(organisation));
  });
});
