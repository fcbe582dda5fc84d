import request from 'supertest';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { fixTheClock, restoreTheClock, seedOrganisation, type SeededOrganisation } from './seeded-organisation';

let t: TestApp;
let org: SeededOrganisation;
beforeAll(async () => {
  fixTheClock();
  t = await startTestApp();
  org = await seedOrganisation(t.dataSource);
});
afterAll(async () => {
  restoreTheClock();
  await t.close();
});

const squeezed = (html: string) => html.replace(/\s+/g, ' ');

describe('my progress', () => {
  it('shows a progress bar of hours logged against those expected, and shifts by stage, for the rotation under way', async () => {
    const ivy = await signIn(t.app, org.people.ivy.email);
    const page = await ivy.get('/me/progress');
    expect(page.status).toBe(200);
    const html = squeezed(page.text);
    const current = html.slice(html.indexOf('Current and upcoming'), html.indexOf('id="history-heading"'));
    expect(current).toContain('Annual rotation at Singapore chat');
    // Two weeks of 20 hours at a desk open 40 hours a week; no public holiday in Singapore then.
    expect(current).toContain('Hours logged: 11.5 of 40 expected (29%)');
    expect(current).toMatch(/<progress id="hours-[^"]+" class="hours-progress" value="11.5" max="40">/);
    expect(current).toContain('<dt>Shadowing</dt><dd>2 shifts</dd>');
    expect(current).toContain('<dt>Paired</dt><dd>1 shift</dd>');
    expect(current).toContain('<dt>Solo</dt><dd>0 shifts</dd>');
    expect(current).toContain('href="/me/shifts/new?assignment=');
    expect(page.text).not.toMatch(/style=/i);
  });

  it('lists past rotations with their status and hours', async () => {
    const ivy = await signIn(t.app, org.people.ivy.email);
    const html = squeezed((await ivy.get('/me/progress')).text);
    const history = html.slice(html.indexOf('id="history-heading"'));
    expect(history).toContain('<td>Annual rotation</td> <td>Berlin phone</td> <td>2026-06-15 to 2026-06-28</td> <td>Completed</td> <td class="number">0</td> <td class="number">40</td>');
  });

  it('shows a scheduled rotation as not begun, and someone without rotations a plain note', async () => {
    const fay = await signIn(t.app, org.people.fay.email);
    const fayPage = squeezed((await fay.get('/me/progress')).text);
    expect(fayPage).toContain('Onboarding at Berlin phone');
    expect(fayPage).toContain('Scheduled');
    expect(fayPage).toContain('Hours logged: 0 of 40 expected (0%)');
    expect(fayPage).toContain('No past rotations yet.');
    expect(fayPage).not.toContain('Log a shift');

    const jo = await signIn(t.app, org.people.jo.email);
    const joPage = (await jo.get('/me/progress')).text;
    expect(joPage).toContain('You have no rotation under way or scheduled.');
    expect(joPage).toContain('No past rotations yet.');
  });

  it('shows only one’s own rotations, and needs a sign-in', async () => {
    const ada = await signIn(t.app, org.people.ada.email);
    const page = (await ada.get('/me/progress')).text;
    expect(page).toContain('Annual rotation');
    expect(page).not.toContain('Singapore chat');
    const anonymous = await request(t.app).get('/me/progress');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Fme%2Fprogress');
  });
});
