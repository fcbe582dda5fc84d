import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { weekRow } from './calendar-rows';

let t: TestApp;
let hr: Agent;
beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

async function rotationsIn2030() {
  const desk = await buildDesk(t.dataSource, { weeklyCapacity: 2 });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  const department = await buildDepartment(t.dataSource);
  const ana = await buildEmployee(t.dataSource, { fullName: `Ana ${department.name}`, departmentId: department.id });
  const ben = await buildEmployee(t.dataSource, { fullName: `Ben ${department.name}`, departmentId: department.id });
  const cleo = await buildEmployee(t.dataSource, { fullName: `Cleo ${department.name}` });
  await buildAssignment(t.dataSource, { employeeId: ana.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2030-W10', weeks: 2 });
  await buildAssignment(t.dataSource, { employeeId: ben.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2030-W11', weeks: 2 });
  await buildAssignment(t.dataSource, { employeeId: cleo.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2030-W11', weeks: 1 });
  const dora = await buildEmployee(t.dataSource, { fullName: `Dora ${department.name}`, departmentId: department.id });
  await buildAssignment(t.dataSource, { employeeId: dora.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2030-W11', weeks: 2, status: 'cancelled' });
  return { desk, programme, department, ana, ben, cleo, dora };
}

describe('the desk calendar', () => {
  it('shows week by week who is on the desk against its capacity, leaving out cancelled rotations', async () => {
    const { desk, ana, ben, cleo, dora } = await rotationsIn2030();
    const page = await hr.get(`/desks/${desk.id}/calendar?from=2030-W10&weeks=4`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(desk.name);
    expect(weekRow(page.text, '2030-W10')).toContain(ana.fullName);
    expect(weekRow(page.text, '2030-W10')).toContain('1 / 2');
    const busiest = weekRow(page.text, '2030-W11');
    for (const person of [ana, ben, cleo]) expect(busiest).toContain(person.fullName);
    expect(busiest).toContain('3 / 2: over capacity');
    expect(page.text).not.toContain(dora.fullName);
    expect(weekRow(page.text, '2030-W13')).toContain('Nobody');
    expect(() => weekRow(page.text, '2030-W14')).toThrow('No row for 2030-W14');
    expect(page.text).toContain('from=2030-W06&amp;weeks=4');
    expect(page.text).toContain('from=2030-W14&amp;weeks=4');
  });

  it('is open to heads of department but not to other employees', async () => {
    const { desk, ana } = await rotationsIn2030();
    const head = await signIn(t.app, (await buildHead(t.dataSource)).email);
    const page = await head.get(`/desks/${desk.id}/calendar?from=2030-W10`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(ana.fullName);
    const employee = await signIn(t.app, ana.email);
    expect((await employee.get(`/desks/${desk.id}/calendar`)).status).toBe(403);
  });

  it('refuses a week that is not an ISO week, and a desk that does not exist', async () => {
    const { desk } = await rotationsIn2030();
    const wrong = await hr.get(`/desks/${desk.id}/calendar?from=March`);
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('ISO week like 2027-W05');
    expect((await hr.get(`/desks/${desk.id}/calendar?weeks=200`)).status).toBe(422);
    expect((await hr.get('/desks/00000000-0000-4000-8000-000000000000/calendar')).status).toBe(404);
  });
});

describe('the department calendar', () => {
  it("shows heads who from their department is on rotation when, and nobody from other departments", async () => {
    const { department, desk, ana, ben, cleo } = await rotationsIn2030();
    const head = await signIn(t.app, (await buildHead(t.dataSource, { heads: [department] })).email);
    const page = await head.get('/head/calendar?from=2030-W09&weeks=5');
    expect(page.status).toBe(200);
    expect(weekRow(page.text, '2030-W09')).toContain('Nobody');
    expect(weekRow(page.text, '2030-W10')).toContain(ana.fullName);
    expect(weekRow(page.text, '2030-W10')).toContain(desk.name);
    expect(weekRow(page.text, '2030-W12')).toContain(ben.fullName);
    expect(weekRow(page.text, '2030-W12')).not.toContain(ana.fullName);
    expect(page.text).not.toContain(cleo.fullName);
  });

  it('shows HR any department, and keeps that page from heads and employees', async () => {
    const { department, ana } = await rotationsIn2030();
    const page = await hr.get(`/hr/departments/${department.id}/calendar?from=2030-W10&weeks=2`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(department.name);
    expect(weekRow(page.text, '2030-W10')).toContain(ana.fullName);
    const head = await signIn(t.app, (await buildHead(t.dataSource, { heads: [department] })).email);
    expect((await head.get(`/hr/departments/${department.id}/calendar`)).status).toBe(403);
    expect((await (await signIn(t.app, ana.email)).get('/head/calendar')).status).toBe(403);
  });
});

describe('the programme timeline', () => {
  it('counts for HR the people per programme, desk and week over a quarter, and lists the assignments', async () => {
    const { desk, programme, ana, dora } = await rotationsIn2030();
    const page = await hr.get('/hr/timeline?from=2030-W09');
    expect(page.status).toBe(200);
    expect(page.text).toContain('>W09<');
    expect(page.text).toContain('>W21<');
    expect(page.text).not.toContain('>W22<');
    const row = page.text.slice(page.text.indexOf(`<th scope="row">${programme.name}</th>`));
    const cells = [...row.slice(0, row.indexOf('</tr>')).matchAll(/<td class="timeline-cell timeline-(\w+)"[^>]*>(\d*)<\/td>/g)].map(([, occupancy, count]) => `${count}${occupancy}`);
    expect(cells.slice(0, 5)).toEqual(['empty', '1open', '3over', '1open', 'empty']);
    expect(row).toContain(desk.name);
    expect(page.text).toContain(ana.fullName);
    expect(page.text).toContain(dora.fullName);
    expect(page.text).toContain('Cancelled');
  });

  it('is for HR only', async () => {
    const head = await signIn(t.app, (await buildHead(t.dataSource)).email);
    expect((await head.get('/hr/timeline')).status).toBe(403);
  });
});
