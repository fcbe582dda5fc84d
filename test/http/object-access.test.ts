// Object-level access: another person's shifts, absences, insights, feed and rotations stay out of reach of someone
// who knows (or guesses) their ids, and a head reaches only the insights routed to the departments they head.
import request from 'supertest';
import { buildAbsence, buildAssignment, buildDepartment, buildDesk, buildEmployee, buildHead, buildProgramme, buildShift, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { insertInsight } from '../learnings/learnings-setup';

interface Ids {
  ownerId: string;
  departmentA: string;
  departmentB: string;
  deskId: string;
  assignment: string;
  /** A rotation not yet begun, which its owner may still ask to move or swap. */
  laterAssignment: string;
  assignmentOfB: string;
  shift: string;
  absence: string;
  insight: string;
  insightOfB: string;
}

let t: TestApp;
let ids: Ids;
let owner: Agent;
let intruder: Agent;
let intruderName: string;
let headOfA: Agent;
let headOfB: Agent;
let before: unknown;

/** Everything that belongs to person A and department A, as stored. */
async function storedObjectsOfA() {
  const query = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  return {
    shifts: await query('SELECT * FROM shifts WHERE employee_id = $1 ORDER BY id', [ids.ownerId]),
    openShifts: await query('SELECT * FROM open_shifts ORDER BY employee_id'),
    absences: await query('SELECT * FROM absences WHERE employee_id = $1 ORDER BY id', [ids.ownerId]),
    insights: await query('SELECT * FROM insights WHERE id = $1', [ids.insight]),
    routedTo: await query('SELECT * FROM insight_departments WHERE insight_id = $1 ORDER BY department_id', [ids.insight]),
    comments: await query('SELECT * FROM insight_comments WHERE insight_id = $1', [ids.insight]),
    feeds: await query('SELECT * FROM calendar_feeds WHERE owner_id IN ($1, $2) ORDER BY owner_id', [ids.ownerId, ids.departmentA]),
    assignments: await query('SELECT * FROM assignments WHERE employee_id = $1 ORDER BY id', [ids.ownerId]),
    requests: await query('SELECT * FROM assignment_requests'),
  };
}

async function post(agent: Agent, path: string, fields: Record<string, string> = {}) {
  const token = await csrfTokenFrom(agent, '/me/password');
  return agent.post(path).type('form').send({ _csrf: token, ...fields });
}

beforeAll(async () => {
  t = await startTestApp();
  const site = await buildSite(t.dataSource, { timeZone: 'Europe/Berlin' });
  const desk = await buildDesk(t.dataSource, { siteId: site.id });
  const programme = await buildProgramme(t.dataSource);
  const [departmentA, departmentB] = [await buildDepartment(t.dataSource), await buildDepartment(t.dataSource)];
  const personA = await buildEmployee(t.dataSource, { departmentId: departmentA.id, siteId: site.id });
  const personB = await buildEmployee(t.dataSource, { departmentId: departmentB.id, siteId: site.id });
  const assignment = await buildAssignment(t.dataSource, { employeeId: personA.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2027-W13', status: 'in-progress' });
  const assignmentOfB = await buildAssignment(t.dataSource, { employeeId: personB.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2027-W40' });
  const shift = await buildShift(t.dataSource, { assignmentId: assignment, employeeId: personA.id, startsAt: '2027-03-29T09:00:00+02:00', contacts: 12 });
  ids = {
    ownerId: personA.id,
    departmentA: departmentA.id,
    departmentB: departmentB.id,
    deskId: desk.id,
    assignment,
    laterAssignment: await buildAssignment(t.dataSource, { employeeId: personA.id, programmeId: programme.id, deskId: desk.id, firstWeek: '2027-W40' }),
    assignmentOfB,
    shift,
    absence: await buildAbsence(t.dataSource, personA.id, { startsOn: '2027-06-01', endsOn: '2027-06-04', note: 'Dentist' }),
    insight: await insertInsight(t.dataSource, { authorId: personA.id, departments: [departmentA], summary: 'Refund form rejects valid IBANs', shiftId: shift }),
    insightOfB: await insertInsight(t.dataSource, { authorId: personB.id, departments: [departmentB], summary: 'Refund form rejects valid IBANs too' }),
  };
  owner = await signIn(t.app, personA.email);
  intruder = await signIn(t.app, personB.email);
  intruderName = personB.fullName;
  headOfB = await signIn(t.app, (await buildHead(t.dataSource, { heads: [departmentB] })).email);
  headOfA = await signIn(t.app, (await buildHead(t.dataSource, { heads: [departmentA] })).email);
  // A's own feed exists, so that a reset by someone else would show.
  expect((await post(owner, '/me/rotations/feed')).status).toBe(303);
  before = await storedObjectsOfA();
});
afterAll(() => t.close());

afterEach(async () => {
  expect(await storedObjectsOfA()).toEqual(before);
});

const shiftFields = { date: '2027-03-30', startTime: '10:00', endTime: '12:00', channel: 'chat', contacts: '3', stage: 'solo', version: '1' };
const absenceFields = { type: 'sick', startsOn: '2027-06-02', endsOn: '2027-06-03', note: '' };

describe('an employee trying another employee’s ids', () => {
  const reads: [string, () => string][] = [
    ['the form to change their shift', () => `/me/shifts/${ids.shift}/edit`],
    ['the form to log a shift on their rotation', () => `/me/shifts/new?assignment=${ids.assignment}`],
    ['the form to change their absence', () => `/me/absences/${ids.absence}/edit`],
    ['their insight', () => `/me/insights/${ids.insight}`],
    ['their rotation as .ics', () => `/me/rotations/${ids.assignment}.ics`],
    ['the move request form of their rotation', () => `/me/rotations/requests/move/${ids.laterAssignment}`],
    ['the swap request form of their rotation', () => `/me/rotations/requests/swap/${ids.laterAssignment}`],
  ];

  // The same addresses work for their owner, so the refusals below come from whose object it is, not a wrong address.
  it.each(reads)('leaves the owner able to open %s', async (_what, path) => {
    expect((await owner.get(path())).status).toBe(200);
  });

  it.each(reads)('cannot open %s', async (_what, path) => {
    const response = await intruder.get(path());
    expect([403, 404]).toContain(response.status);
    expect(response.text).not.toContain('Refund form rejects valid IBANs');
    expect(response.text).not.toContain('Dentist');
  });

  const changes: [string, () => string, () => Record<string, string>][] = [
    ['change their shift', () => `/me/shifts/${ids.shift}`, () => shiftFields],
    ['delete their shift', () => `/me/shifts/${ids.shift}/delete`, () => ({})],
    ['log a shift on their rotation', () => '/me/shifts', () => ({ ...shiftFields, assignmentId: ids.assignment })],
    ['start a shift on their rotation', () => '/me/shifts/start', () => ({ assignmentId: ids.assignment, channel: 'chat', stage: 'solo' })],
    ['change their absence', () => `/me/absences/${ids.absence}`, () => absenceFields],
    ['delete their absence', () => `/me/absences/${ids.absence}/delete`, () => ({})],
    ['ask to move their rotation', () => `/me/rotations/requests/move/${ids.laterAssignment}`, () => ({ version: '1', option: `${ids.deskId} 2027-W20` })],
    ['ask to swap their rotation', () => `/me/rotations/requests/swap/${ids.laterAssignment}`, () => ({ version: '1', counterpart: `${ids.assignmentOfB} 1` })],
  ];

  it.each(changes)('cannot %s', async (_what, path, fields) => {
    const response = await post(intruder, path(), fields());
    expect([403, 404]).toContain(response.status);
  });

  it('resets only their own feed, whose address opens their own rotations', async () => {
    expect((await post(intruder, '/me/rotations/feed', { employeeId: ids.ownerId, id: ids.ownerId })).status).toBe(303);
    const address = /\/feeds\/([\w-]+)\.ics/.exec((await intruder.get('/me/rotations')).text);
    expect(address).not.toBeNull();
    const feed = await request(t.app).get(`/feeds/${address![1]}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(`Rotations of ${intruderName}`);
  });

  it('cannot open a feed by guessing its address, nor with the stored hash of a real one', async () => {
    const [stored]: { token_hash: string }[] = await t.dataSource.query('SELECT token_hash FROM calendar_feeds WHERE owner_id = $1', [ids.ownerId]);
    expect((await request(t.app).get(`/feeds/${stored.token_hash}.ics`)).status).toBe(404);
    expect((await request(t.app).get('/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
  });
});

describe('the head of department B', () => {
  it('is refused what the head of department A may read', async () => {
    expect((await headOfA.get(`/head/learnings/${ids.insight}`)).status).toBe(200);
    expect((await headOfA.get(`/insights/${ids.insight}/merge`)).status).toBe(200);
  });

  it('cannot read an insight routed only to department A', async () => {
    const response = await headOfB.get(`/head/learnings/${ids.insight}`);
    expect([403, 404]).toContain(response.status);
    expect(response.text).not.toContain('Refund form rejects valid IBANs');
  });

  const changes: [string, () => string, () => Record<string, string>][] = [
    ['triage it', () => `/head/learnings/${ids.insight}/triage`, () => ({ status: 'acknowledged', comment: 'Seen', version: '1' })],
    ['reroute it to department B', () => `/head/learnings/${ids.insight}/reroute`, () => ({ fromDepartmentId: ids.departmentA, toDepartmentId: ids.departmentB, comment: 'Ours' })],
    ['merge their own insight into it', () => `/insights/${ids.insight}/merge`, () => ({ mergeId: ids.insightOfB })],
    ['merge it into their own insight', () => `/insights/${ids.insightOfB}/merge`, () => ({ mergeId: ids.insight })],
    ['make or reset department A’s calendar feed', () => `/head/calendar/${ids.departmentA}/feed`, () => ({})],
  ];

  it.each(changes)('cannot %s', async (_what, path, fields) => {
    const response = await post(headOfB, path(), fields());
    expect([403, 404]).toContain(response.status);
  });

  it('cannot open the merge page of department A’s insight', async () => {
    const response = await headOfB.get(`/insights/${ids.insight}/merge`);
    expect([403, 404]).toContain(response.status);
    expect(response.text).not.toContain('Refund form rejects valid IBANs');
  });
});
