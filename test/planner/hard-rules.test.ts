// Each hard rule on a small organisation with a known answer; planAndCheck runs the checker on every plan.
import {
  assignmentOf,
  buildDepartment,
  buildDesk,
  buildOnboarding,
  buildOrganisation,
  buildPerson,
  buildRefresher,
  dueIn,
  planAndCheck,
  unplacedOf,
} from './planner-factories';

describe('desk capacity', () => {
  it('places the second person due in a full week in the next week', () => {
    const plan = planAndCheck(
      buildOrganisation({ people: [dueIn('2027-W04', { id: 'ada', hireDate: '2019-01-07' }), dueIn('2027-W04', { id: 'bob', hireDate: '2021-01-04' })] }),
    );
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W04', onTime: true });
    expect(assignmentOf(plan, 'bob')).toMatchObject({ firstWeek: '2027-W05', onTime: false, dueWeek: '2027-W04' });
    expect(plan.figures.deskWeeks.find((row) => row.week === '2027-W04')).toEqual({ deskId: 'london-phone', week: '2027-W04', hosted: 1, capacity: 1 });
  });

  it('takes a capacity override for the week, 0 meaning closed', () => {
    const closed = planAndCheck(buildOrganisation({ desks: [buildDesk({ capacityOverrides: { '2027-W04': 0 } })], people: [dueIn('2027-W04')] }));
    expect(assignmentOf(closed, 'ada')).toMatchObject({ firstWeek: '2027-W05', onTime: false });

    const peak = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ capacityOverrides: { '2027-W04': 2 } })],
        people: [dueIn('2027-W04', { id: 'ada' }), dueIn('2027-W04', { id: 'bob' })],
      }),
    );
    expect(peak.assignments.map((assignment) => assignment.firstWeek)).toEqual(['2027-W04', '2027-W04']);
  });
});

describe('department limit', () => {
  const threeDue = ['ada', 'bob', 'cy'].map((id) => dueIn('2027-W04', { id }));
  const roomyDesk = buildDesk({ weeklyCapacity: 10 });

  it('allows floor(P% of the active headcount) on rotation in a week', () => {
    const plan = planAndCheck(
      buildOrganisation({ departments: [buildDepartment({ activeHeadcount: 4, maxSharePercent: 50 })], desks: [roomyDesk], people: threeDue }),
    );
    expect(plan.figures.placedOnTime).toBe(2);
    expect(plan.assignments.filter((assignment) => assignment.firstWeek === '2027-W05')).toHaveLength(1);
    expect(plan.figures.departmentWeeks.find((row) => row.week === '2027-W04')).toMatchObject({ onRotation: 2, limit: 2 });
  });

  it('never allows fewer than one when P is above 0', () => {
    const plan = planAndCheck(
      buildOrganisation({ departments: [buildDepartment({ activeHeadcount: 4, maxSharePercent: 10 })], desks: [roomyDesk], people: threeDue }),
    );
    expect(plan.assignments.map((assignment) => assignment.firstWeek)).toEqual(['2027-W04', '2027-W05', '2027-W06']);
  });

  it('places nobody from a department whose P is 0, and says so', () => {
    const plan = planAndCheck(
      buildOrganisation({ departments: [buildDepartment({ name: 'Finance', maxSharePercent: 0 })], desks: [roomyDesk], people: threeDue }),
    );
    expect(plan.assignments).toEqual([]);
    expect(unplacedOf(plan, 'ada')).toMatchObject({ reason: 'department-limit', dueWeek: '2027-W04' });
    expect(unplacedOf(plan, 'ada')!.explanation).toContain('Finance allows nobody on rotation');
  });
});

describe('blackout weeks', () => {
  it('moves the department out of a blackout week', () => {
    const plan = planAndCheck(buildOrganisation({ departments: [buildDepartment({ blackoutWeeks: ['2027-W04'] })], people: [dueIn('2027-W04')] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W05', onTime: false });
  });

  it('leaves people unplaced when every week is a blackout', () => {
    const everyWeek = Array.from({ length: 8 }, (_, i) => `2027-W${String(i + 2).padStart(2, '0')}`);
    const plan = planAndCheck(
      buildOrganisation({ departments: [buildDepartment({ name: 'Finance', blackoutWeeks: everyWeek })], people: [dueIn('2027-W04')] }),
    );
    expect(unplacedOf(plan, 'ada')).toMatchObject({ reason: 'blackout' });
    expect(unplacedOf(plan, 'ada')!.explanation).toBe("Finance's blackout weeks ruled out 6 of 6 possible desk starts between 2027-W04 and 2027-W09.");
  });
});

describe('hire date', () => {
  const onboardingNow = buildOnboarding({ startWithinWeeks: 0 });

  it('does not start someone hired on a Wednesday in that week', () => {
    const plan = planAndCheck(
      buildOrganisation({ programmes: [onboardingNow], people: [buildPerson({ hireDate: '2027-01-20', completedProgrammeIds: [] })] }),
    );
    expect(assignmentOf(plan, 'ada', 'onboarding')).toMatchObject({ firstWeek: '2027-W04', dueWeek: '2027-W03', onTime: false });
  });

  it('starts someone hired on a Monday in that week', () => {
    const plan = planAndCheck(
      buildOrganisation({ programmes: [onboardingNow], people: [buildPerson({ hireDate: '2027-01-18', completedProgrammeIds: [] })] }),
    );
    expect(assignmentOf(plan, 'ada', 'onboarding')).toMatchObject({ firstWeek: '2027-W03', onTime: true });
  });

  it("compares the desk's first working hour with the start of the hire date in the person's own zone", () => {
    const tokyoDesk = buildDesk({ id: 'tokyo-chat', name: 'Tokyo chat', timeZone: 'Asia/Tokyo' });
    const losAngelesDesk = buildDesk({ id: 'la-chat', name: 'LA chat', timeZone: 'America/Los_Angeles' });
    const hiredMonday = (timeZone: string) => buildPerson({ hireDate: '2027-01-18', timeZone, completedProgrammeIds: [] });

    // 09:00 Monday in Tokyo is still Sunday in Los Angeles, before the hire date began there.
    const inTokyo = planAndCheck(buildOrganisation({ programmes: [onboardingNow], desks: [tokyoDesk], people: [hiredMonday('America/Los_Angeles')] }));
    expect(assignmentOf(inTokyo, 'ada', 'onboarding')).toMatchObject({ firstWeek: '2027-W04', onTime: false });

    const inLosAngeles = planAndCheck(buildOrganisation({ programmes: [onboardingNow], desks: [losAngelesDesk], people: [hiredMonday('Asia/Tokyo')] }));
    expect(assignmentOf(inLosAngeles, 'ada', 'onboarding')).toMatchObject({ firstWeek: '2027-W03', onTime: true });
  });

  it('follows daylight saving time: the same Monday-evening shift in New York is allowed before the clocks change, not after', () => {
    // New York moves to summer time on 2027-03-14, London only on 2027-03-28.
    const newYorkEvenings = buildDesk({ id: 'ny-evening', timeZone: 'America/New_York', pattern: { days: [1], start: '19:00', end: '23:00' } });
    const hiredTuesday = (id: string, hireDate: string) => buildPerson({ id, hireDate, completedProgrammeIds: [] });
    const plan = planAndCheck(
      buildOrganisation({
        firstWeek: '2027-W09',
        horizonWeeks: 6,
        programmes: [onboardingNow],
        desks: [newYorkEvenings],
        // Monday 19:00 in New York is 00:00 UTC Tuesday in winter time but 23:00 UTC Monday in summer time.
        people: [hiredTuesday('winter', '2027-03-09'), hiredTuesday('summer', '2027-03-16')],
      }),
    );
    expect(assignmentOf(plan, 'winter', 'onboarding')).toMatchObject({ firstWeek: '2027-W10', onTime: true });
    expect(assignmentOf(plan, 'summer', 'onboarding')).toMatchObject({ firstWeek: '2027-W12', dueWeek: '2027-W11', onTime: false });
  });
});

describe('termination date', () => {
  const losAngelesDesk = buildDesk({ timeZone: 'America/Los_Angeles' });
  // Friday 17:00 in Los Angeles is already Saturday in Tokyo.
  const leavingFriday = dueIn('2027-W04', { timeZone: 'Asia/Tokyo', terminationDate: '2027-01-29' });

  it('ends the last block by the end of the termination date in the person\'s zone', () => {
    const plan = planAndCheck(buildOrganisation({ programmes: [buildRefresher({ earlyWeeks: 1 })], desks: [losAngelesDesk], people: [leavingFriday] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W03', onTime: true });
  });

  it('leaves someone unplaced when the termination date leaves no room for a block', () => {
    const plan = planAndCheck(buildOrganisation({ desks: [losAngelesDesk], people: [leavingFriday] }));
    expect(unplacedOf(plan, 'ada')).toMatchObject({ reason: 'employment-dates', dueWeek: '2027-W04' });
  });

  it('allows the termination week on a desk in the person\'s own zone', () => {
    const plan = planAndCheck(buildOrganisation({ desks: [buildDesk({ timeZone: 'Asia/Tokyo' })], people: [leavingFriday] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W04', onTime: true });
  });

  it('does not plan people who left before the horizon', () => {
    const plan = planAndCheck(buildOrganisation({ people: [dueIn('2027-W04', { terminationDate: '2026-12-31' })] }));
    expect(plan.figures.peopleDue).toBe(0);
  });
});

describe('absences', () => {
  // 2027-W04 runs from Monday 25 to Sunday 31 January.
  it('keeps someone off a week in which they are absent on more than half its working days', () => {
    const plan = planAndCheck(buildOrganisation({ people: [dueIn('2027-W04', { absences: [{ from: '2027-01-25', to: '2027-01-27' }] })] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W05', onTime: false });
  });

  it('places someone absent on fewer than half the working days, weekends not counting', () => {
    const plan = planAndCheck(buildOrganisation({ people: [dueIn('2027-W04', { absences: [{ from: '2027-01-23', to: '2027-01-26' }] })] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W04', onTime: true });
  });

  it("counts the desk's working days that fall inside the absence in the person's zone", () => {
    // Tokyo's Monday to Wednesday working hours fall on Sunday to Tuesday evening in Los Angeles.
    const plan = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ timeZone: 'Asia/Tokyo' })],
        people: [dueIn('2027-W04', { timeZone: 'America/Los_Angeles', absences: [{ from: '2027-01-24', to: '2027-01-26' }] })],
      }),
    );
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W05', onTime: false });
  });

  it('leaves someone unplaced when absent for the whole horizon', () => {
    const plan = planAndCheck(buildOrganisation({ people: [dueIn('2027-W04', { absences: [{ from: '2027-01-01', to: '2027-06-30' }] })] }));
    expect(unplacedOf(plan, 'ada')).toMatchObject({ reason: 'absences' });
    expect(unplacedOf(plan, 'ada')!.explanation).toBe('Absences ruled out 6 of 6 possible desk starts between 2027-W04 and 2027-W09.');
  });
});

describe('sites a desk may host', () => {
  const tokyoOnly = buildDesk({ id: 'tokyo-chat', hostableSiteIds: ['tokyo'] });

  it('leaves someone unplaced when no desk may host their site', () => {
    const plan = planAndCheck(buildOrganisation({ desks: [tokyoOnly], people: [dueIn('2027-W04')] }));
    expect(unplacedOf(plan, 'ada')).toMatchObject({ reason: 'no-eligible-desk' });
    expect(unplacedOf(plan, 'ada')!.explanation).toBe('No desk with working days may host employees of site london.');
  });

  it('uses a desk that hosts every site (null) instead', () => {
    const plan = planAndCheck(buildOrganisation({ desks: [tokyoOnly, buildDesk({ id: 'global', hostableSiteIds: null })], people: [dueIn('2027-W04')] }));
    expect(assignmentOf(plan, 'ada')).toMatchObject({ deskId: 'global', onTime: true });
  });
});

describe('fixed (published) assignments', () => {
  const bobsPublishedWeek = { personId: 'bob', programmeId: 'refresher', deskId: 'london-phone', firstWeek: '2027-W04', weeks: 1 };

  it('are never moved, never repeated, and take desk capacity', () => {
    const input = buildOrganisation({ people: [dueIn('2027-W04', { id: 'ada' }), dueIn('2027-W04', { id: 'bob' })], fixed: [bobsPublishedWeek] });
    const plan = planAndCheck(input);
    expect(plan.assignments.map((assignment) => assignment.personId)).toEqual(['ada']);
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W05', onTime: false });
    expect(input.fixed).toEqual([bobsPublishedWeek]);
  });

  it('count towards the department limit on any desk', () => {
    const plan = planAndCheck(
      buildOrganisation({
        departments: [buildDepartment({ activeHeadcount: 10, maxSharePercent: 10 })],
        desks: [buildDesk(), buildDesk({ id: 'berlin-chat' })],
        people: [dueIn('2027-W04', { id: 'ada' }), buildPerson({ id: 'bob' })],
        fixed: [{ ...bobsPublishedWeek, deskId: 'berlin-chat' }],
      }),
    );
    expect(assignmentOf(plan, 'ada')).toMatchObject({ firstWeek: '2027-W05' });
  });
});

describe('one rotation at a time', () => {
  const newHire = buildPerson({ hireDate: '2027-01-11', completedProgrammeIds: [] });

  it('places onboarding and a refresher due together one after the other', () => {
    const plan = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ weeklyCapacity: 5 })],
        programmes: [buildOnboarding({ lengthWeeks: 2 }), buildRefresher({ everyMonths: 1, earlyWeeks: 3, lengthWeeks: 2 })],
        people: [newHire],
      }),
    );
    expect(plan.assignments).toHaveLength(2);
    expect(plan.figures.placedOnTime).toBe(2);
  });

  it('keeps a new block clear of a published block of another programme', () => {
    const plan = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ weeklyCapacity: 5 })],
        programmes: [buildOnboarding(), buildRefresher({ lengthWeeks: 3 })],
        people: [newHire],
        fixed: [{ personId: 'ada', programmeId: 'refresher', deskId: 'london-phone', firstWeek: '2027-W02', weeks: 3 }],
      }),
    );
    expect(plan.assignments).toHaveLength(1);
    expect(assignmentOf(plan, 'ada', 'onboarding')).toMatchObject({ firstWeek: '2027-W05', dueWeek: '2027-W04', onTime: false });
  });

  it('says so when another rotation covers every possible start', () => {
    const plan = planAndCheck(
      buildOrganisation({
        desks: [buildDesk({ weeklyCapacity: 5 })],
        programmes: [buildOnboarding(), buildRefresher({ lengthWeeks: 8 })],
        people: [newHire],
        fixed: [{ personId: 'ada', programmeId: 'refresher', deskId: 'london-phone', firstWeek: '2027-W02', weeks: 8 }],
      }),
    );
    expect(unplacedOf(plan, 'ada', 'onboarding')).toMatchObject({ reason: 'other-rotation' });
    expect(unplacedOf(plan, 'ada', 'onboarding')!.explanation).toBe(
      'Another rotation of this employee overlaps 8 of 8 possible desk starts between 2027-W02 and 2027-W09.',
    );
  });
});

describe('blocks', () => {
  it('are one contiguous run of the programme length on one desk, even past the horizon', () => {
    const plan = planAndCheck(buildOrganisation({ horizonWeeks: 3, programmes: [buildRefresher({ lengthWeeks: 4 })], people: [dueIn('2027-W04')] }));
    expect(plan.assignments).toEqual([
      { personId: 'ada', programmeId: 'refresher', deskId: 'london-phone', firstWeek: '2027-W04', weeks: 4, dueWeek: '2027-W04', onTime: true },
    ]);
  });
});
