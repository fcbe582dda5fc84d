import { inTransaction } from '../../src/db/transaction';
import { loadPlanningModel } from '../../src/rotations/planning-input';
import { buildDepartment, buildDesk, buildEmployee, buildHr, buildProgramme, buildSite } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { postForm } from './forms';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const today = '2026-11-23';
const load = () => inTransaction(t.dataSource, (manager) => loadPlanningModel(manager, today));

/** The model's rows about the given ids only, in the model's order: other tests' rows share the database. */
async function loadAbout(ids: string[]) {
  const model = await load();
  const about = <T extends { id: string }>(rows: T[]) => rows.filter((row) => ids.includes(row.id));
  return { desks: about(model.desks), programmes: about(model.programmes), departments: about(model.departments) };
}

describe('the planner’s model of desks, programmes and departments', () => {
  it('gives the planner exactly what HR set up, in a fixed order', async () => {
    const berlin = await buildSite(t.dataSource, { name: 'Berlin', timeZone: 'Europe/Berlin' });
    const austin = await buildSite(t.dataSource, { name: 'Austin', timeZone: 'America/Chicago' });
    const finance = await buildDepartment(t.dataSource, { name: 'Finance', maxSharePercent: 20 });
    const support = await buildDepartment(t.dataSource, { name: 'Customer Support' });
    const person = (fields: Parameters<typeof buildEmployee>[1]) => buildEmployee(t.dataSource, { departmentId: finance.id, siteId: berlin.id, ...fields });
    for (let index = 0; index < 7; index++) await person({});
    await person({ terminationDate: '2026-11-22' }); // left yesterday: not counted
    await person({ terminationDate: today }); // leaves today: still counted
    await person({ hireDate: '2027-01-04' }); // not started yet, not terminated: counted
    await buildEmployee(t.dataSource, { departmentId: support.id, siteId: austin.id, terminationDate: '2025-06-30' });

    const emea = await buildDesk(t.dataSource, { name: 'EMEA phone', siteId: berlin.id, hostableSiteIds: [berlin.id], weeklyCapacity: 3 });
    const us = await buildDesk(t.dataSource, {
      name: 'US chat',
      siteId: austin.id,
      workingDays: [1, 2, 3, 4, 5, 6],
      startTime: '08:00',
      endTime: '20:30',
      weeklyCapacity: 0,
    });
    const oldDesk = await buildDesk(t.dataSource, { name: 'Old desk', siteId: austin.id, archivedAt: new Date() });

    const onboarding = await buildProgramme(t.dataSource, {
      name: 'Onboarding',
      kind: 'onboarding',
      lengthWeeks: 3,
      startWithinWeeks: 2,
      appliesToHiresFrom: '2026-01-01',
      departmentIds: [finance.id],
    });
    const yearly = await buildProgramme(t.dataSource, { name: 'Yearly rotation', everyMonths: 12, earlyWeeks: 4, lengthWeeks: 2 });
    const retired = await buildProgramme(t.dataSource, { name: 'Retired', archivedAt: new Date() });

    const hr = await signIn(t.app, (await buildHr(t.dataSource, { departmentId: support.id, siteId: austin.id })).email);
    expect((await postForm(hr, `/hr/desks/${emea.id}/overrides`, { week: '2027-W05', capacity: '0' })).status).toBe(303);
    expect((await postForm(hr, `/hr/desks/${emea.id}/overrides`, { week: '2027-W51', through: '2027-W52', capacity: '5' })).status).toBe(303);
    expect((await postForm(hr, `/hr/limits/${finance.id}/blackouts`, { week: '2027-W13', through: '2027-W14', note: 'Quarter close' })).status).toBe(303);

    expect(await loadAbout([emea.id, us.id, oldDesk.id, onboarding.id, yearly.id, retired.id, finance.id, support.id])).toEqual({
      desks: [
        {
          id: emea.id,
          name: 'EMEA phone',
          timeZone: 'Europe/Berlin',
          hostableSiteIds: [berlin.id],
          pattern: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
          weeklyCapacity: 3,
          capacityOverrides: { '2027-W05': 0, '2027-W51': 5, '2027-W52': 5 },
        },
        {
          id: us.id,
          name: 'US chat',
          timeZone: 'America/Chicago',
          hostableSiteIds: null,
          pattern: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:30' },
          weeklyCapacity: 0,
          capacityOverrides: {},
        },
      ],
      programmes: [
        {
          id: onboarding.id,
          name: 'Onboarding',
          kind: 'onboarding',
          lengthWeeks: 3,
          departmentIds: [finance.id],
          startWithinWeeks: 2,
          appliesToHiresFrom: '2026-01-01',
          everyMonths: 0,
          earlyWeeks: 0,
        },
        {
          id: yearly.id,
          name: 'Yearly rotation',
          kind: 'recurring',
          lengthWeeks: 2,
          departmentIds: null,
          startWithinWeeks: 0,
          appliesToHiresFrom: null,
          everyMonths: 12,
          earlyWeeks: 4,
        },
      ],
      departments: [
        // The HR person above is the only active member of Customer Support.
        { id: support.id, name: 'Customer Support', activeHeadcount: 1, maxSharePercent: 10, blackoutWeeks: [] },
        { id: finance.id, name: 'Finance', activeHeadcount: 9, maxSharePercent: 20, blackoutWeeks: ['2027-W13', '2027-W14'] },
      ],
    });
  });

  it('follows HR’s changes: hosted sites, a programme’s departments, a department’s share and a removed blackout', async () => {
    const site = await buildSite(t.dataSource);
    const finance = await buildDepartment(t.dataSource, { maxSharePercent: 30 });
    const support = await buildDepartment(t.dataSource);
    const desk = await buildDesk(t.dataSource, { siteId: site.id, hostableSiteIds: [site.id] });
    const yearly = await buildProgramme(t.dataSource, { departmentIds: [finance.id] });
    const hr = await signIn(t.app, (await buildHr(t.dataSource, { departmentId: support.id })).email);
    await postForm(hr, `/hr/limits/${finance.id}/blackouts`, { week: '2027-W13', through: '2027-W14' });

    const deskForm = { name: desk.name, siteId: site.id, hosts: 'all', days: ['1', '2', '3'], startTime: '07:00', endTime: '15:00', weeklyCapacity: '4' };
    expect((await postForm(hr, `/hr/desks/${desk.id}`, deskForm)).status).toBe(303);
    const programmeForm = {
      name: yearly.name,
      kind: 'recurring',
      lengthWeeks: '2',
      expectedHoursPerWeek: '10',
      'stages.0.name': 'Solo',
      'stages.0.amount': '2',
      'stages.0.unit': 'weeks',
      appliesTo: 'some',
      departmentIds: [support.id],
      everyMonths: '18',
    };
    expect((await postForm(hr, `/hr/programmes/${yearly.id}`, programmeForm)).status).toBe(303);
    expect((await postForm(hr, `/hr/limits/${finance.id}`, { maxSharePercent: '0' })).status).toBe(303);
    expect((await postForm(hr, `/hr/limits/${finance.id}/blackouts/remove`, { week: '2027-W13' })).status).toBe(303);

    const model = await loadAbout([desk.id, yearly.id, finance.id, support.id]);
    expect(model.desks).toEqual([expect.objectContaining({ hostableSiteIds: null, pattern: { days: [1, 2, 3], start: '07:00', end: '15:00' }, weeklyCapacity: 4 })]);
    expect(model.programmes).toEqual([expect.objectContaining({ departmentIds: [support.id], lengthWeeks: 2, everyMonths: 18, earlyWeeks: 0 })]);
    expect(model.departments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: finance.id, maxSharePercent: 0, activeHeadcount: 0, blackoutWeeks: ['2027-W14'] }),
        expect.objectContaining({ id: support.id, maxSharePercent: 10, activeHeadcount: 1, blackoutWeeks: [] }),
      ]),
    );
  });
});
