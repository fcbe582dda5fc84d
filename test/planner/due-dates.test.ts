// When each programme falls due: onboarding from the hire date, recurring from the last rotation (or hire).
import {
  assignmentOf,
  buildDepartment,
  buildOnboarding,
  buildOrganisation,
  buildPerson,
  buildRefresher,
  dueIn,
  planAndCheck,
} from './planner-factories';

describe('onboarding', () => {
  const newHire = (overrides = {}) => buildPerson({ hireDate: '2027-02-08', completedProgrammeIds: [], ...overrides });

  it('is due within startWithinWeeks of the hire week and starts no earlier than the hire week', () => {
    const plan = planAndCheck(buildOrganisation({ programmes: [buildOnboarding({ startWithinWeeks: 2 })], people: [newHire()] }));
    const assignment = assignmentOf(plan, 'ada', 'onboarding')!;
    expect(assignment).toMatchObject({ dueWeek: '2027-W08', onTime: true });
    expect(assignment.firstWeek >= '2027-W06' && assignment.firstWeek <= '2027-W08').toBe(true);
  });

  it('is not due for people who completed it, or were hired before it applied', () => {
    const plan = planAndCheck(
      buildOrganisation({
        programmes: [buildOnboarding({ appliesToHiresFrom: '2027-01-01' })],
        people: [newHire({ id: 'done', completedProgrammeIds: ['onboarding'] }), buildPerson({ id: 'veteran', completedProgrammeIds: [] })],
      }),
    );
    expect(plan.figures.peopleDue).toBe(0);
  });

  it('is not planned again when published', () => {
    const plan = planAndCheck(
      buildOrganisation({
        programmes: [buildOnboarding()],
        people: [newHire()],
        fixed: [{ personId: 'ada', programmeId: 'onboarding', deskId: 'london-phone', firstWeek: '2027-W07', weeks: 1 }],
      }),
    );
    expect(plan.figures.peopleDue).toBe(0);
  });
});

describe('recurring programmes', () => {
  it('are due everyMonths after the end of the last rotation', () => {
    const plan = planAndCheck(buildOrganisation({ programmes: [buildRefresher({ everyMonths: 6 })], people: [buildPerson({ lastRotationEnd: '2026-08-02' })] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ dueWeek: '2027-W05', firstWeek: '2027-W05', onTime: true });
  });

  it('are due everyMonths after hire for people who never rotated', () => {
    const plan = planAndCheck(buildOrganisation({ programmes: [buildRefresher({ everyMonths: 3 })], people: [buildPerson({ hireDate: '2026-11-03' })] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ dueWeek: '2027-W05' });
  });

  it('may start up to earlyWeeks early and still count as on time', () => {
    const plan = planAndCheck(
      buildOrganisation({
        programmes: [buildRefresher({ earlyWeeks: 2 })],
        people: ['ada', 'bob', 'cy'].map((id) => dueIn('2027-W06', { id })),
      }),
    );
    expect(plan.assignments.map(({ firstWeek, onTime }) => [firstWeek, onTime])).toEqual([
      ['2027-W04', true],
      ['2027-W05', true],
      ['2027-W06', true],
    ]);
  });

  it('fall due again after a published block, counted from its end', () => {
    const plan = planAndCheck(
      buildOrganisation({
        programmes: [buildRefresher({ everyMonths: 1 })],
        people: [buildPerson({ lastRotationEnd: '2025-01-05' })],
        fixed: [{ personId: 'ada', programmeId: 'refresher', deskId: 'london-phone', firstWeek: '2027-W02', weeks: 1 }],
      }),
    );
    // The published week ends on Sunday 2027-01-17; a month later is 2027-02-17, in 2027-W07.
    expect(assignmentOf(plan, 'ada')).toMatchObject({ dueWeek: '2027-W07', onTime: true });
  });

  it('are not due for exempt people, or people in departments the programme does not cover', () => {
    const plan = planAndCheck(
      buildOrganisation({
        departments: [buildDepartment(), buildDepartment({ id: 'finance', name: 'Finance' })],
        programmes: [buildRefresher({ departmentIds: ['support'] })],
        people: [dueIn('2027-W04', { id: 'exempt', exemptProgrammeIds: ['refresher'] }), dueIn('2027-W04', { id: 'finance', departmentId: 'finance' })],
      }),
    );
    expect(plan.figures.peopleDue).toBe(0);
  });

  it('are left to a later plan when due after the horizon', () => {
    const plan = planAndCheck(buildOrganisation({ horizonWeeks: 2, people: [dueIn('2027-W04')] }));
    expect(plan.figures.peopleDue).toBe(0);
  });
});
