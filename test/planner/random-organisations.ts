// fast-check arbitraries for random organisations: sites in zones with and without daylight saving time (and odd
// offsets), horizons across the spring and autumn changes and the turn of the year, desks with any pattern
// (overnight, weekends, none at all), departments with any limit and blackouts, and people hired, leaving and
// absent at any time.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { PlannerDepartment, PlannerDesk, PlannerPerson, PlannerProgramme, PlanningInput } from '../../src/planner';

const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham'];
const FIRST_WEEKS = ['2027-W09', '2027-W11', '2027-W41', '2027-W43', '2027-W51'];

export interface OrganisationLimits {
  maxPeople: number;
  maxDesks: number;
  maxHorizonWeeks: number;
  maxLengthWeeks: number;
}

export function organisationArbitrary(limits: OrganisationLimits): fc.Arbitrary<PlanningInput> {
  return fc
    .record({
      firstWeek: fc.constantFrom(...FIRST_WEEKS),
      horizonWeeks: fc.integer({ min: 4, max: limits.maxHorizonWeeks }),
      siteZones: fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 3 }),
      departmentCount: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ firstWeek, horizonWeeks, siteZones, departmentCount }) => {
      const sites = siteZones.map((zone, i) => ({ id: `site-${i}`, zone }));
      const siteIds = sites.map((site) => site.id);
      const departmentIds = Array.from({ length: departmentCount }, (_, i) => `dept-${i}`);
      const monday = DateTime.fromISO(`${firstWeek}-1`, { zone: 'utc' });
      const date = (min: number, max: number) => fc.integer({ min, max }).map((days) => monday.plus({ days }).toISODate()!);
      const horizonDays = horizonWeeks * 7;
      const week = fc.integer({ min: 0, max: horizonWeeks - 1 }).map((weeks) => monday.plus({ weeks }).toFormat("kkkk-'W'WW"));

      const department = (id: string, i: number): fc.Arbitrary<PlannerDepartment> =>
        fc.record({
          id: fc.constant(id),
          name: fc.constant(`Department ${i}`),
          activeHeadcount: fc.integer({ min: 1, max: 30 }),
          maxSharePercent: fc.constantFrom(0, 10, 25, 50, 100, 100, 100),
          blackoutWeeks: fc.uniqueArray(week, { maxLength: 1 }),
        });
      const desk = (i: number): fc.Arbitrary<PlannerDesk> =>
        fc.record({
          id: fc.constant(`desk-${i}`),
          name: fc.constant(`Desk ${i}`),
          timeZone: fc.constantFrom(...ZONES),
          hostableSiteIds: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.subarray(siteIds) }),
          pattern: fc.record({
            days: fc.oneof({ weight: 19, arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) }, { weight: 1, arbitrary: fc.constant<number[]>([]) }),
            start: clockTime(),
            end: clockTime(),
          }),
          weeklyCapacity: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 1, max: 3 }) }),
          capacityOverrides: fc.dictionary(week, fc.integer({ min: 0, max: 4 }), { maxKeys: 2 }),
        });
      const programmes: fc.Arbitrary<PlannerProgramme[]> = fc.tuple(
        fc.record({ lengthWeeks: fc.integer({ min: 1, max: limits.maxLengthWeeks }), startWithinWeeks: fc.integer({ min: 0, max: 3 }), departmentIds: fc.option(fc.subarray(departmentIds), { nil: null }) }),
        fc.record({ lengthWeeks: fc.integer({ min: 1, max: limits.maxLengthWeeks }), everyMonths: fc.integer({ min: 1, max: 12 }), earlyWeeks: fc.integer({ min: 0, max: 3 }) }),
      ).map(([onboarding, recurring]) => [
        { id: 'onboarding', name: 'Onboarding', kind: 'onboarding', appliesToHiresFrom: null, everyMonths: 0, earlyWeeks: 0, ...onboarding },
        { id: 'refresher', name: 'Refresher', kind: 'recurring', departmentIds: null, startWithinWeeks: 0, appliesToHiresFrom: null, ...recurring },
      ]);
      const person = (i: number, everyMonths: number): fc.Arbitrary<PlannerPerson> =>
        fc
          .record({
            departmentId: fc.constantFrom(...departmentIds),
            site: fc.constantFrom(...sites),
            ownZone: fc.option(fc.constantFrom(...ZONES)),
            hireDate: fc.oneof({ weight: 3, arbitrary: date(-800, -1) }, { weight: 1, arbitrary: date(-30, horizonDays) }),
            terminationDate: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: date(-10, horizonDays + 10) }),
            absences: fc.array(fc.tuple(date(-10, horizonDays), fc.integer({ min: 0, max: 12 })), { maxLength: 2 }),
            exempt: fc.boolean(),
            onboarded: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
            // Mostly due for the refresher somewhere between a month before the horizon and its end.
            refresherDue: fc.option(fc.integer({ min: -30, max: horizonDays }), { nil: null, freq: 4 }),
          })
          .map((p) => ({
            id: `person-${String(i).padStart(2, '0')}`,
            name: `Person ${i}`,
            departmentId: p.departmentId,
            siteId: p.site.id,
            timeZone: p.ownZone ?? p.site.zone,
            hireDate: p.hireDate,
            terminationDate: p.terminationDate,
            absences: p.absences.map(([from, days]) => ({ from, to: DateTime.fromISO(from).plus({ days }).toISODate()! })),
            exemptProgrammeIds: p.exempt ? ['refresher'] : [],
            completedProgrammeIds: p.onboarded ? ['onboarding'] : [],
            lastRotationEnd: p.refresherDue === null ? null : monday.plus({ days: p.refresherDue }).minus({ months: everyMonths }).toISODate()!,
          }));

      return programmes.chain((programmeList) =>
        fc.record({
          firstWeek: fc.constant(firstWeek),
          horizonWeeks: fc.constant(horizonWeeks),
          departments: fc.tuple(...departmentIds.map(department)),
          desks: fc.integer({ min: 1, max: limits.maxDesks }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => desk(i)))),
          programmes: fc.constant(programmeList),
          people: fc
            .integer({ min: 1, max: limits.maxPeople })
            .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => person(i, programmeList[1].everyMonths)))),
          fixed: fc.constant([]),
        }),
      );
    });
}

function clockTime(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30)).map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
}
