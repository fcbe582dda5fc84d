import { buildHr, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hr: Agent;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
  token = await csrfTokenFrom(hr, '/hr/sites');
});
afterAll(() => t.close());

const post = (path: string, fields: Record<string, string>) => hr.post(path).type('form').send({ _csrf: token, ...fields });
const siteNamed = async (name: string) =>
  (await t.dataSource.query(`SELECT id, name, time_zone AS "timeZone", country_code AS "countryCode" FROM sites WHERE name = $1`, [name]))[0];
const siteCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM sites'))[0].n;

describe('sites', () => {
  it('lists sites with their time zone and country', async () => {
    await buildSite(t.dataSource, { name: 'Lisbon', timeZone: 'Europe/Lisbon', countryCode: 'PT' });
    const page = await hr.get('/hr/sites');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Lisbon<\/a><\/td>\s*<td>Europe\/Lisbon<\/td>\s*<td>Portugal \(PT\)<\/td>/);
  });

  it('creates a site, storing the zone’s own spelling and the country code in upper case', async () => {
    const response = await post('/hr/sites', { name: 'Tokyo', timeZone: 'asia/tokyo', countryCode: 'jp' });
    expect(response.status).toBe(303);
    const site = await siteNamed('Tokyo');
    expect(site).toMatchObject({ timeZone: 'Asia/Tokyo', countryCode: 'JP' });
    const [entry] = await t.dataSource.query('SELECT action, after FROM audit_log WHERE entity_id = $1', [site.id]);
    expect(entry).toEqual({ action: 'created', after: { name: 'Tokyo', timeZone: 'Asia/Tokyo', countryCode: 'JP' } });
  });

  it('refuses an unknown time zone, showing the form again with what was typed', async () => {
    const before = await siteCount();
    const response = await post('/hr/sites', { name: 'Atlantis', timeZone: 'Atlantic/Atlantis', countryCode: 'GR' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Unknown time zone');
    expect(response.text).toContain('value="Atlantic/Atlantis"');
    expect(await siteCount()).toBe(before);
  });

  it('refuses a country code that is not an ISO country', async () => {
    for (const countryCode of ['XX', 'Germany', 'EU', '']) {
      const response = await post('/hr/sites', { name: 'Nowhere', timeZone: 'Europe/Berlin', countryCode });
      expect(response.status).toBe(422);
      expect(response.text).toContain('Enter a two-letter ISO country code');
    }
    expect(await siteNamed('Nowhere')).toBeUndefined();
  });

  it('refuses a name already taken in another case', async () => {
    await buildSite(t.dataSource, { name: 'Madrid' });
    const response = await post('/hr/sites', { name: 'MADRID', timeZone: 'Europe/Madrid', countryCode: 'ES' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('There is already a site called MADRID');
  });

  it('edits a site and records what changed', async () => {
    const site = await buildSite(t.dataSource, { name: 'Austin Office', timeZone: 'America/Chicago', countryCode: 'US' });
    const form = await hr.get(`/hr/sites/${site.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="America/Chicago"');
    expect((await post(`/hr/sites/${site.id}`, { name: 'Austin Office', timeZone: 'America/New_York', countryCode: 'US' })).status).toBe(303);
    expect(await siteNamed('Austin Office')).toMatchObject({ timeZone: 'America/New_York' });
    const entries = await t.dataSource.query('SELECT action, summary, before, after FROM audit_log WHERE entity_id = $1', [site.id]);
    expect(entries).toEqual([
      {
        action: 'updated',
        summary: 'Updated site Austin Office: time zone',
        before: { timeZone: 'America/Chicago' },
        after: { timeZone: 'America/New_York' },
      },
    ]);
  });

  it('refuses an edit with an unknown zone and keeps the site as it was', async () => {
    const site = await buildSite(t.dataSource, { name: 'Oslo', timeZone: 'Europe/Oslo', countryCode: 'NO' });
    const response = await post(`/hr/sites/${site.id}`, { name: 'Oslo', timeZone: 'Europe/Osl', countryCode: 'NO' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('value="Europe/Osl"');
    expect(await siteNamed('Oslo')).toMatchObject({ timeZone: 'Europe/Oslo' });
    expect(await t.dataSource.query('SELECT 1 FROM audit_log WHERE entity_id = $1', [site.id])).toEqual([]);
  });
});
