import type { DataSource } from 'typeorm';
import { DeskCapacityOverride } from '../../src/rotations/desk-capacity-override.entity';
import { Desk } from '../../src/rotations/desk.entity';
import { buildDesk, buildHr, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { type FormFields, postForm } from './forms';

let t: TestApp;
let hr: Agent;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

const deskCount = (dataSource: DataSource) => dataSource.getRepository(Desk).count();
const findDesk = (id: string) => t.dataSource.getRepository(Desk).findOneOrFail({ where: { id }, relations: { hostableSites: true } });
const overridesOf = async (deskId: string) =>
  (await t.dataSource.getRepository(DeskCapacityOverride).find({ where: { deskId }, order: { week: 'ASC' } })).map(({ week, capacity }) => [week, capacity]);
const auditActions = async (entityId: string): Promise<string[]> =>
  (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId])).map((row: { action: string }) => row.action);

async function validDeskForm(overrides: FormFields = {}): Promise<FormFields> {
  const site = await buildSite(t.dataSource);
  return {
    name: `Desk ${Math.random().toString(36).slice(2, 8)}`,
    siteId: site.id,
    hosts: 'all',
    days: ['1', '2', '3', '4', '5'],
    startTime: '08:30',
    endTime: '16:30',
    weeklyCapacity: '6',
    ...overrides,
  };
}

describe('the desk list', () => {
  it('shows each desk’s site, hours, hosted sites and capacity', async () => {
    const berlin = await buildSite(t.dataSource, { name: 'Berlin-list', timeZone: 'Europe/Berlin' });
    const dublin = await buildSite(t.dataSource, { name: 'Dublin-list', timeZone: 'Europe/Dublin' });
    await buildDesk(t.dataSource, { name: 'EMEA phone', siteId: berlin.id, workingDays: [1, 2, 3, 4, 5, 7], weeklyCapacity: 8, hostableSiteIds: [berlin.id, dublin.id] });
    await buildDesk(t.dataSource, { name: 'Weekend chat', siteId: dublin.id, workingDays: [6, 7], startTime: '10:00', endTime: '14:00', weeklyCapacity: 2 });

    const page = await hr.get('/hr/desks');
    expect(page.status).toBe(200);
    expect(page.text).toContain('EMEA phone');
    expect(page.text).toContain('Berlin-list');
    expect(page.text).toContain('Europe/Berlin');
    expect(page.text).toContain('Mon–Fri, Sun 09:00–17:00');
    expect(page.text).toContain('Berlin-list, Dublin-list');
    expect(page.text).toContain('Weekend chat');
    expect(page.text).toContain('Sat, Sun 10:00–14:00');
    expect(page.text).toContain('All sites');
  });
});

describe('creating a desk', () => {
  it('saves the desk with its pattern and hosted sites, audits it, and shows it', async () => {
    const form = await validDeskForm();
    const hosted = await buildSite(t.dataSource);
    const response = await postForm(hr, '/hr/desks', { ...form, hosts: 'some', hostableSiteIds: [hosted.id], days: ['1', '3', '5'] });
    expect(response.status).toBe(303);
    const id = response.headers.location.split('/').pop()!;
    const desk = await findDesk(id);
    expect(desk).toMatchObject({ name: form.name, siteId: form.siteId, workingDays: [1, 3, 5], startTime: '08:30:00', endTime: '16:30:00', weeklyCapacity: 6 });
    expect(desk.hostableSites.map((site) => site.id)).toEqual([hosted.id]);
    expect(await auditActions(id)).toEqual(['created']);
    const page = await hr.get(response.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mon, Wed, Fri 08:30–16:30');
  });

  it('shows an empty form with working days ticked', async () => {
    const page = await hr.get('/hr/desks/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('New support desk');
    expect(page.text).toMatch(/name="days" value="1" checked/);
  });

  it.each<[string, FormFields, string]>([
    ['no name', { name: '  ' }, 'Enter the desk’s name'],
    ['no site', { siteId: '' }, 'Choose the desk’s site'],
    ['an unknown site', { siteId: '00000000-0000-4000-8000-000000000000' }, 'Choose the desk’s site from the list'],
    ['no working day', { days: undefined }, 'Tick at least one working day'],
    ['an unknown day', { days: ['1', '8'] }, 'Choose days from the list'],
    ['a start time in another format', { startTime: '9am' }, 'Enter the start time as a 24-hour time like 09:00'],
    ['an impossible end time', { endTime: '25:00' }, 'Enter the end time as a 24-hour time like 09:00'],
    ['an end before the start', { startTime: '17:00', endTime: '09:00' }, 'The end time must be after the start time'],
    ['an end equal to the start', { startTime: '09:00', endTime: '09:00' }, 'The end time must be after the start time'],
    ['a negative capacity', { weeklyCapacity: '-1' }, 'The weekly capacity must be 0 or more'],
    ['a capacity that is not a number', { weeklyCapacity: 'eight' }, 'Enter the weekly capacity as a whole number'],
    ['no capacity', { weeklyCapacity: '' }, 'Enter the weekly capacity'],
    ['only some sites but none ticked', { hosts: 'some' }, 'Tick the sites whose employees the desk may host, or choose every site'],
  ])('refuses %s with a message, keeps the values and saves nothing', async (_, change, message) => {
    const form = { ...(await validDeskForm()), ...change };
    const before = await deskCount(t.dataSource);
    const response = await postForm(hr, '/hr/desks', form);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    if (typeof form.name === 'string' && form.name.trim()) expect(response.text).toContain(`value="${form.name}"`);
    expect(await deskCount(t.dataSource)).toBe(before);
  });

  it('refuses a name another desk has, whatever its case', async () => {
    await buildDesk(t.dataSource, { name: 'US chat' });
    const before = await deskCount(t.dataSource);
    const response = await postForm(hr, '/hr/desks', await validDeskForm({ name: 'us CHAT' }));
    expect(response.status).toBe(422);
    expect(response.text).toContain('There is already a desk called us CHAT');
    expect(response.text).toContain('value="us CHAT"');
    expect(await deskCount(t.dataSource)).toBe(before);
  });
});

describe('changing a desk', () => {
  it('saves the new fields and audits what changed', async () => {
    const desk = await buildDesk(t.dataSource);
    const form = await validDeskForm({ name: `${desk.name} renamed`, weeklyCapacity: '12' });
    const response = await postForm(hr, `/hr/desks/${desk.id}`, form);
    expect(response.status).toBe(303);
    expect(await findDesk(desk.id)).toMatchObject({ name: form.name, weeklyCapacity: 12, siteId: form.siteId });
    const [entry] = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'updated'`, [desk.id]);
    expect(entry.before).toMatchObject({ name: desk.name, weeklyCapacity: 4 });
    expect(entry.after).toMatchObject({ name: form.name, weeklyCapacity: 12 });
  });

  it('lets a desk keep its own name, and hosts every site again when asked', async () => {
    const site = await buildSite(t.dataSource);
    const desk = await buildDesk(t.dataSource, { hostableSiteIds: [site.id] });
    const response = await postForm(hr, `/hr/desks/${desk.id}`, await validDeskForm({ name: desk.name.toUpperCase(), hosts: 'all', hostableSiteIds: [site.id] }));
    expect(response.status).toBe(303);
    expect((await findDesk(desk.id)).hostableSites).toEqual([]);
  });

  it('shows the form again with the submitted values and saves nothing when a field is wrong', async () => {
    const desk = await buildDesk(t.dataSource);
    const other = await buildDesk(t.dataSource);
    const response = await postForm(hr, `/hr/desks/${desk.id}`, await validDeskForm({ name: other.name, weeklyCapacity: '-3' }));
    expect(response.status).toBe(422);
    expect(response.text).toContain('The weekly capacity must be 0 or more');
    expect(response.text).toContain('value="-3"');
    const duplicate = await postForm(hr, `/hr/desks/${desk.id}`, await validDeskForm({ name: other.name }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain(`There is already a desk called ${other.name}`);
    expect(await findDesk(desk.id)).toMatchObject({ name: desk.name, weeklyCapacity: 4 });
  });

  it('answers 404 for a desk that does not exist', async () => {
    expect((await hr.get('/hr/desks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await hr.get('/hr/desks/not-a-desk')).status).toBe(404);
  });
});

describe('capacity in particular weeks', () => {
  it('sets one week, then a range, replacing what a week had, and shows them', async () => {
    const desk = await buildDesk(t.dataSource);
    expect((await postForm(hr, `/hr/desks/${desk.id}/overrides`, { week: '2027-W05', capacity: '0' })).status).toBe(303);
    expect((await postForm(hr, `/hr/desks/${desk.id}/overrides`, { week: '2027-w52', through: '2028-W02', capacity: '9' })).status).toBe(303);
    expect((await postForm(hr, `/hr/desks/${desk.id}/overrides`, { week: '2027-W05', capacity: '3' })).status).toBe(303);
    expect(await overridesOf(desk.id)).toEqual([
      ['2027-W05', 3],
      ['2027-W52', 9],
      ['2028-W01', 9],
      ['2028-W02', 9],
    ]);
    const page = await hr.get(`/hr/desks/${desk.id}`);
    expect(page.text).toContain('2027-W52');
    expect(page.text).toContain('2028-W02');
    expect(await auditActions(desk.id)).toEqual(['capacity-overridden', 'capacity-overridden', 'capacity-overridden']);
  });

  it('removes a week’s capacity, so the weekly capacity applies again', async () => {
    const desk = await buildDesk(t.dataSource);
    await postForm(hr, `/hr/desks/${desk.id}/overrides`, { week: '2027-W10', through: '2027-W11', capacity: '0' });
    const response = await postForm(hr, `/hr/desks/${desk.id}/overrides/remove`, { week: '2027-W10' });
    expect(response.status).toBe(303);
    expect(await overridesOf(desk.id)).toEqual([['2027-W11', 0]]);
    expect((await postForm(hr, `/hr/desks/${desk.id}/overrides/remove`, { week: '2027-W10' })).status).toBe(404);
  });

  it.each<[string, FormFields, string]>([
    ['a week that does not exist', { week: '2027-W53', capacity: '2' }, 'Enter the week as an ISO week like 2027-W05'],
    ['a date instead of a week', { week: '2027-02-01', capacity: '2' }, 'Enter the week as an ISO week like 2027-W05'],
    ['no week', { week: '', capacity: '2' }, 'Enter the week'],
    ['a last week before the first', { week: '2027-W10', through: '2027-W09', capacity: '2' }, 'The last week cannot be before the first week'],
    ['a last week in another format', { week: '2027-W10', through: 'W12', capacity: '2' }, 'Enter the last week as an ISO week like 2027-W05'],
    ['a range longer than 65 weeks', { week: '2027-W01', through: '2028-W30', capacity: '2' }, 'Give at most 65 weeks at a time'],
    ['a negative capacity', { week: '2027-W10', capacity: '-2' }, 'The capacity must be 0 or more'],
  ])('refuses %s with a message and saves nothing', async (_, fields, message) => {
    const desk = await buildDesk(t.dataSource);
    const response = await postForm(hr, `/hr/desks/${desk.id}/overrides`, fields);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain(`value="${fields.week}"`);
    expect(await overridesOf(desk.id)).toEqual([]);
  });
});

describe('archiving and deleting a desk', () => {
  it('archives a desk and restores it', async () => {
    const desk = await buildDesk(t.dataSource);
    expect((await postForm(hr, `/hr/desks/${desk.id}/archive`)).status).toBe(303);
    expect((await findDesk(desk.id)).archivedAt).not.toBeNull();
    expect((await hr.get(`/hr/desks/${desk.id}`)).text).toContain('Restore the desk');
    expect((await hr.get('/hr/desks')).text).toContain('Archived desks');
    expect((await postForm(hr, `/hr/desks/${desk.id}/restore`)).status).toBe(303);
    expect((await findDesk(desk.id)).archivedAt).toBeNull();
    expect(await auditActions(desk.id)).toEqual(['archived', 'restored']);
  });

  it('deletes a desk nothing refers to, with its capacity overrides', async () => {
    const desk = await buildDesk(t.dataSource);
    await postForm(hr, `/hr/desks/${desk.id}/overrides`, { week: '2027-W10', capacity: '1' });
    const response = await postForm(hr, `/hr/desks/${desk.id}/delete`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/hr/desks');
    expect(await t.dataSource.getRepository(Desk).existsBy({ id: desk.id })).toBe(false);
    expect(await overridesOf(desk.id)).toEqual([]);
  });

  it('refuses to delete a desk that something refers to, and suggests archiving it', async () => {
    const desk = await buildDesk(t.dataSource);
    await t.dataSource.query(`CREATE TABLE IF NOT EXISTS test_desk_references (desk_id uuid NOT NULL REFERENCES desks (id))`);
    await t.dataSource.query(`INSERT INTO test_desk_references (desk_id) VALUES ($1)`, [desk.id]);
    const response = await postForm(hr, `/hr/desks/${desk.id}/delete`);
    expect(response.status).toBe(422);
    expect(response.text).toContain(`${desk.name} has been used in plans or assignments, so it cannot be deleted. Archive it instead.`);
    expect(await t.dataSource.getRepository(Desk).existsBy({ id: desk.id })).toBe(true);
  });
});
