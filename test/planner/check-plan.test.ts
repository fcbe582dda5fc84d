// The checker on deliberately broken plans: each hard rule is reported, in words a planner can act on.
import { checkPlan, type AssignmentBlock } from '../../src/planner';
import { block, buildDepartment, buildDesk, buildOrganisation, buildPerson, buildRefresher } from './planner-factories';

// Ada was hired on Wednesday 2027-01-20, is away Monday to Wednesday of 2027-W05 and leaves on Friday 2027-03-05.
const organisation = buildOrganisation({
  departments: [
    buildDepartment({ activeHeadcount: 10, maxSharePercent: 10, blackoutWeeks: ['2027-W08'] }),
    buildDepartment({ id: 'finance', name: 'Finance' }),
  ],
  desks: [
    buildDesk({ capacityOverrides: { '2027-W07': 0 } }),
    buildDesk({ id: 'tokyo-chat', name: 'Tokyo chat', timeZone: 'Asia/Tokyo', hostableSiteIds: ['tokyo'], weeklyCapacity: 5 }),
    buildDesk({ id: 'nowhere', name: 'Unstaffed desk', pattern: { days: [], start: '09:00', end: '17:00' } }),
    buildDesk({ id: 'spare', name: 'Spare desk', weeklyCapacity: 5 }),
  ],
  programmes: [buildRefresher({ departmentIds: ['support'] })],
  people: [
    buildPerson({ hireDate: '2027-01-20', terminationDate: '2027-03-05', absences: [{ from: '2027-02-01', to: '2027-02-03' }] }),
    buildPerson({ id: 'bob', name: 'Bob' }),
    buildPerson({ id: 'cy', name: 'Cy', departmentId: 'finance' }),
  ],
});

function violationsOf(assignments: AssignmentBlock[]) {
  return checkPlan(organisation, assignments).map(({ rule, message }) => ({ rule, message }));
}

describe('checkPlan', () => {
  it('accepts a plan that keeps every rule', () => {
    expect(checkPlan(organisation, [block({ firstWeek: '2027-W04' }), block({ personId: 'bob', firstWeek: '2027-W05' })])).toEqual([]);
  });

  it('reports a desk over its capacity, and a week the desk is closed', () => {
    expect(violationsOf([block({ firstWeek: '2027-W06' }), block({ personId: 'cy', firstWeek: '2027-W06', deskId: 'london-phone' })])).toContainEqual({
      rule: 'desk-capacity',
      message: 'London phone is full in 2027-W06 (2 of 1)',
    });
    expect(violationsOf([block({ personId: 'bob', firstWeek: '2027-W07' })])).toEqual([
      { rule: 'desk-capacity', message: 'London phone is full in 2027-W07 (1 of 0)' },
    ]);
  });

  it('reports a department over its limit', () => {
    expect(violationsOf([block({ deskId: 'spare', firstWeek: '2027-W06' }), block({ personId: 'bob', firstWeek: '2027-W06' })])).toEqual([
      { rule: 'department-limit', message: 'Support is over its limit in 2027-W06 (2 of 1)' },
    ]);
  });

  it('reports a department placed in a blackout week', () => {
    expect(violationsOf([block({ personId: 'bob', firstWeek: '2027-W08' })])).toEqual([{ rule: 'blackout', message: 'Support is in blackout in 2027-W08' }]);
  });

  it('reports a start before the hire date', () => {
    expect(violationsOf([block({ firstWeek: '2027-W03' })])).toEqual([{ rule: 'before-hire', message: 'Ada starts before the hire date (2027-01-20)' }]);
  });

  it('reports a block running past the termination date', () => {
    expect(violationsOf([block({ firstWeek: '2027-W09' })])).toEqual([]);
    expect(violationsOf([block({ firstWeek: '2027-W09', weeks: 2 })])).toContainEqual({
      rule: 'after-termination',
      message: 'Ada is still on rotation after the termination date (2027-03-05)',
    });
  });

  it('reports a week in which the person is absent on more than half the working days', () => {
    expect(violationsOf([block({ firstWeek: '2027-W05' })])).toEqual([
      { rule: 'absence', message: 'Ada is absent on 3 of 5 working days of London phone in 2027-W05' },
    ]);
  });

  it('reports a desk that may not host the person\'s site', () => {
    expect(violationsOf([block({ personId: 'bob', deskId: 'tokyo-chat' })])).toEqual([
      { rule: 'desk-site', message: "Tokyo chat may not host Bob's site (london)" },
    ]);
  });

  it('reports a desk without working days', () => {
    expect(violationsOf([block({ personId: 'bob', deskId: 'nowhere' })])).toEqual([
      { rule: 'desk-without-working-days', message: 'Unstaffed desk has no working days' },
    ]);
  });

  it('reports someone on two rotations at once, fixed or planned', () => {
    expect(violationsOf([block({ personId: 'bob', firstWeek: '2027-W04', weeks: 1 }), block({ personId: 'bob', deskId: 'spare', firstWeek: '2027-W04' })])).toContainEqual({
      rule: 'overlap',
      message: 'Bob is on two rotations at once in 2027-W04',
    });
  });

  it('reports a block that is not the programme\'s length', () => {
    expect(violationsOf([block({ personId: 'bob', deskId: 'spare', weeks: 2 })])).toEqual([
      { rule: 'block-length', message: "Bob's Refresher assignment lasts 2 weeks instead of 1" },
    ]);
  });

  it('reports a programme placed for a department it does not cover', () => {
    expect(violationsOf([block({ personId: 'cy', deskId: 'spare' })])).toEqual([
      { rule: 'programme-department', message: "Refresher does not apply to Cy's department (Finance)" },
    ]);
  });

  it('reports references to people, desks or programmes it does not know', () => {
    expect(violationsOf([block({ personId: 'zed', deskId: 'attic', programmeId: 'juggling' })])).toEqual([
      { rule: 'unknown-reference', message: 'An assignment refers to an unknown person zed, desk attic, programme juggling' },
    ]);
  });

  it('says which person, desk, department and week each violation is about', () => {
    expect(checkPlan(organisation, [block({ personId: 'bob', firstWeek: '2027-W08' })])).toEqual([
      { rule: 'blackout', message: 'Support is in blackout in 2027-W08', departmentId: 'support', week: '2027-W08' },
    ]);
  });
});
