// A busy desk's calendar counts its people and names them only in quiet weeks; each week's full roster has its own
// page, alphabetical and 100 names at a time.
import { buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildHr, buildProgramme, buildSite } from '../support/factories';
import { recordQueries } from '../support/query-recorder';
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

type Status = 'scheduled' | 'in-progress' | 'completed' | 'deferred' | 'cancelled';

/** A desk of capacity 4, and a way to put a newly hired person with a given name on it. */
async function busyDesk() {
  const site = await buildSite(t.dataSource);
  const department = await buildDepartment(t.dataSource);
  const desk = await buildDesk(t.dataSource, { siteId: site.id, weeklyCapacity: 4 });
  const programme = await buildProgramme(t.dataSource, { lengthWeeks: 2 });
  async function rotate(fullName: string, firstWeek: string, weeks: number, status: Status = 'scheduled') {
    const person = await buildEmployee(t.dataSource, { fullName, departmentId: department.id, siteId: site.id });
    await buildAssignment(t.dataSource, { employeeId: person.id, programmeId: programme.id, deskId: desk.id, firstWeek, weeks, status });
    return person;
  }
  return { desk, department, programme, rotate };
}

/** The names a page lists, in its order. */
function namesOn(html: string): string[] {
  return [...html.matchAll(/<li>([^<]+?) <span class="muted">/g)].map(([, name]) => name);
}

function nextLinkOn(html: string): string | null {
  return /<a href="([^"]+)" rel="next">Next 100<\/a>/.exec(html)?.[1].replace(/&amp;/g, '&') ?? null;
}

const alphabetically = (names: string[]) => [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));

describe('the desk calendar of a busy desk', () => {
  it('counts a week of more than 20 people and links to its roster, and still names the people of a week of 20', async () => {
    const { desk, department, programme, rotate } = await busyDesk();
    // Twenty people over 2031-W10 and W11, one more in W10 only, and two who will not come.
    const twenty = [];
    for (let index = 0; index < 20; index += 1) twenty.push(await rotate(`Person ${String(20 - index).padStart(2, '0')}`, '2031-W10', 2));
    const onlyW10 = await rotate('Solo Week', '2031-W10', 1);
    const cancelled = await rotate('Cancelled Person', '2031-W10', 2, 'cancelled');
    const deferred = await rotate('Deferred Person', '2031-W10', 2, 'deferred');

    const page = await hr.get(`/desks/${desk.id}/calendar?from=2031-W09&weeks=4`);
    expect(page.status).toBe(200);
    const busy = weekRow(page.text, '2031-W10');
    expect(busy).toContain('21 / 4: over capacity');
    expect(busy).toContain(`<a href="/desks/${desk.id}/calendar/weeks/2031-W10">See all 21 people on the desk in 2031-W10</a>`);
    expect(busy).not.toContain(onlyW10.fullName);
    expect(busy).not.toContain(twenty[0].fullName);

    const quieter = weekRow(page.text, '2031-W11');
    expect(quieter).toContain('20 / 4: over capacity');
    expect(namesOn(quieter)).toEqual(alphabetically(twenty.map((person) => person.fullName)));
    expect(quieter).toContain(`${department.name} · ${programme.name}, week 2 of 2`);
    expect(quieter).not.toContain('See all');

    expect(weekRow(page.text, '2031-W09')).toContain('Nobody');
    expect(weekRow(page.text, '2031-W09')).toContain('0 / 4');
    for (const week of ['2031-W09', '2031-W10', '2031-W11', '2031-W12']) {
      expect(weekRow(page.text, week)).toContain(`<a href="/desks/${desk.id}/calendar/weeks/${week}">${week}</a>`);
    }
    for (const absent of [cancelled, deferred]) expect(page.text).not.toContain(absent.fullName);
  });

  it('costs the same few statements however many people are on the desk', async () => {
    const { desk, rotate } = await busyDesk();
    for (let index = 0; index < 30; index += 1) await rotate(`Crowd ${index}`, '2031-W30', 3);
    await rotate('Quiet One', '2031-W33', 1);
    const { result, queries } = await recordQueries(() => hr.get(`/desks/${desk.id}/calendar?from=2031-W30&weeks=8`));
    expect(result.status).toBe(200);
    expect(result.text).toContain('Quiet One');
    expect(queries.length).toBeLessThanOrEqual(10);
  });
});

describe('a desk’s roster for one week', () => {
  it('lists everyone on the desk that week alphabetically, 100 at a time, leaving out cancelled and deferred rotations', async () => {
    const { desk, department, programme, rotate } = await busyDesk();
    const names: string[] = [];
    // Mixed case and three people of one name, around the first page's end, to test the order and its tie-break.
    for (let index = 0; index < 202; index += 1) {
      const name = `${index % 2 ? 'person' : 'Person'} ${String((index * 7919) % 202).padStart(3, '0')}`;
      names.push(name);
      await rotate(name, index % 3 ? '2031-W20' : '2031-W19', 2);
    }
    const namesake = names.find((name) => name.endsWith(' 099'))!;
    for (let index = 0; index < 3; index += 1) {
      names.push(namesake);
      await rotate(namesake, '2031-W20', 1);
    }
    await rotate('Aaron Cancelled', '2031-W20', 1, 'cancelled');
    await rotate('Abby Deferred', '2031-W20', 1, 'deferred');
    await rotate('Later Person', '2031-W21', 1);

    const first = await hr.get(`/desks/${desk.id}/calendar/weeks/2031-W20`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('205 / 4: over capacity');
    expect(first.text).toContain(`href="/desks/${desk.id}/calendar?from=2031-W20"`);
    expect(first.text).toContain(`href="/desks/${desk.id}/calendar/weeks/2031-W19"`);
    expect(first.text).toContain(`href="/desks/${desk.id}/calendar/weeks/2031-W21"`);
    expect(first.text).toContain(`${department.name} · ${programme.name}, week 2 of 2`);
    expect(first.text).not.toContain('First page');

    const shown: string[][] = [];
    let page = first;
    for (;;) {
      shown.push(namesOn(page.text));
      const next = nextLinkOn(page.text);
      if (!next) break;
      expect(next).toMatch(new RegExp(`^/desks/${desk.id}/calendar/weeks/2031-W20\\?after=[\\w-]+$`));
      page = await hr.get(next);
      expect(page.status).toBe(200);
      expect(page.text).toContain('First page');
    }
    expect(shown.map((names) => names.length)).toEqual([100, 100, 5]);
    expect(shown.flat()).toEqual(alphabetically(names));
    for (const absent of ['Aaron Cancelled', 'Abby Deferred', 'Later Person']) expect(first.text).not.toContain(absent);
  });

  it('starts again at the first page when the cursor is not one it made', async () => {
    const { desk, rotate } = await busyDesk();
    for (let index = 0; index < 3; index += 1) await rotate(`Member ${index}`, '2031-W40', 1);
    const firstNames = namesOn((await hr.get(`/desks/${desk.id}/calendar/weeks/2031-W40`)).text);
    expect(firstNames).toEqual(['Member 0', 'Member 1', 'Member 2']);
    const unknownAssignment = Buffer.from(JSON.stringify(['00000000-0000-4000-8000-000000000000'])).toString('base64url');
    for (const after of ['garbage', Buffer.from('["1 OR 1=1"]').toString('base64url'), unknownAssignment]) {
      const page = await hr.get(`/desks/${desk.id}/calendar/weeks/2031-W40?after=${encodeURIComponent(after)}`);
      expect(page.status).toBe(200);
      expect(namesOn(page.text)).toEqual(firstNames);
    }
  });

  it('shows an empty week as such, and keeps its statements few', async () => {
    const { desk } = await busyDesk();
    const { result, queries } = await recordQueries(() => hr.get(`/desks/${desk.id}/calendar/weeks/2031-W45`));
    expect(result.status).toBe(200);
    expect(result.text).toContain('Nobody is on the desk this week.');
    expect(result.text).toContain('0 / 4');
    expect(queries.length).toBeLessThanOrEqual(10);
  });

  it('is open to HR and heads, not to other employees', async () => {
    const { desk, rotate } = await busyDesk();
    const member = await rotate('Member Only', '2031-W41', 1);
    const head = await signIn(t.app, (await buildHead(t.dataSource)).email);
    const headPage = await head.get(`/desks/${desk.id}/calendar/weeks/2031-W41`);
    expect(headPage.status).toBe(200);
    expect(headPage.text).toContain('Member Only');
    const employee = await signIn(t.app, member.email);
    expect((await employee.get(`/desks/${desk.id}/calendar/weeks/2031-W41`)).status).toBe(403);
  });

  it('refuses a week that is not an ISO week, and a desk that does not exist', async () => {
    const { desk } = await busyDesk();
    for (const week of ['March', '2031-W60', '2031-05', '9999-W52']) {
      const wrong = await hr.get(`/desks/${desk.id}/calendar/weeks/${week}`);
      expect(wrong.status).toBe(422);
    }
    expect((await hr.get(`/desks/${desk.id}/calendar/weeks/March`)).text).toContain('Enter the week as an ISO week like 2027-W05');
    expect((await hr.get(`/desks/${desk.id}/calendar/weeks/9999-W52`)).text).toContain('Choose an earlier week: the calendar ends with the year 9999');
    expect((await hr.get('/desks/00000000-0000-4000-8000-000000000000/calendar/weeks/2031-W10')).status).toBe(404);
  });

  it('links to no week beyond the ends of the calendar', async () => {
    const { desk } = await busyDesk();
    const last = await hr.get(`/desks/${desk.id}/calendar/weeks/9999-W51`);
    expect(last.status).toBe(200);
    expect(last.text).toContain(`href="/desks/${desk.id}/calendar/weeks/9999-W50"`);
    expect(last.text).not.toContain('Next week');
    const first = await hr.get(`/desks/${desk.id}/calendar/weeks/0001-W01`);
    expect(first.status).toBe(200);
    expect(first.text).toContain(`href="/desks/${desk.id}/calendar/weeks/0001-W02"`);
    expect(first.text).not.toContain('Previous week');
  });
});
