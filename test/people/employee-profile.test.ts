import request from 'supertest';
import { buildAbsence, buildDepartment, buildEmployee, buildHead, buildHr, buildSite } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function buildPerson(departmentName: string, siteName: string) {
  const department = await buildDepartment(t.dataSource, { name: departmentName });
  const site = await buildSite(t.dataSource, { name: siteName, timeZone: 'Europe/Dublin', countryCode: 'IE' });
  return buildEmployee(t.dataSource, { fullName: 'Iris Lens', jobTitle: 'Optical Engineer', departmentId: department.id, siteId: site.id, hireDate: '2023-04-03' });
}

describe('the employee profile', () => {
  it('lists the person’s absences, with a link for HR to change them', async () => {
    const person = await buildPerson('Lenses', 'Cork');
    await buildAbsence(t.dataSource, person.id, { type: 'training', startsOn: '2027-02-01', endsOn: '2027-02-03', note: 'Lens course' });
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    const page = await hr.get(`/hr/employees/${person.id}`);
    expect(page.text).toContain('2027-02-01');
    expect(page.text).toContain('Lens course');
    expect(page.text).toContain(`/hr/employees/${person.id}/absences`);
    expect(page.text).not.toContain('No absences recorded.');
  });

  it('shows HR the person’s details, the sections later features fill, and links to change them', async () => {
    const person = await buildPerson('Optics', 'Dublin Docks');
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    const page = await hr.get(`/hr/employees/${person.id}`);
    expect(page.status).toBe(200);
    for (const text of ['Iris Lens', 'Optical Engineer', 'Optics', 'Dublin Docks (Europe/Dublin)', '2023-04-03', person.email]) {
      expect(page.text).toContain(text);
    }
    for (const heading of ['Absences', 'Rotations', 'Shifts', 'Insights']) expect(page.text).toContain(`<h2>${heading}</h2>`);
    expect(page.text).toContain('No absences recorded.');
    expect(page.text).toContain(`href="/hr/employees/${person.id}/edit"`);
    expect(page.text).toContain(`href="/hr/audit?entityType=employee&amp;entityId=${person.id}"`);
    expect(page.text).toContain(`action="/hr/employees/${person.id}/deactivate"`);
  });

  it('shows the departments a head heads', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Metrology' });
    const head = await buildHead(t.dataSource, { heads: [department] });
    const hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
    expect((await hr.get(`/hr/employees/${head.id}`)).text).toMatch(/<dt>Heads<\/dt><dd>Metrology<\/dd>/);
  });

  it('shows signed-in employees their own profile, without anything to change', async () => {
    const person = await buildPerson('Photonics', 'Galway');
    const agent = await signIn(t.app, person.email);
    const page = await agent.get('/me/profile');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Iris Lens');
    expect(page.text).toContain('<h2>Absences</h2>');
    expect(page.text).not.toContain('/edit"');
    expect(page.text).not.toContain('/deactivate"');
    expect(page.text).not.toContain('/hr/audit');
  });

  it('sends anonymous visitors to sign in first', async () => {
    const response = await request(t.app).get('/me/profile');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fme%2Fprofile');
  });
});
