// The heads' weekly digest: due from Monday 08:00 in the head's time zone, queued once per head and ISO week through
// the notice channel, with last week's new insights, the biggest movers and the oldest untriaged insights.
import { DateTime } from 'luxon';
import { inTransaction } from '../../src/db/transaction';
import { sendWeeklyDigests } from '../../src/learnings/weekly-digest';
import { runDigestJob } from '../../src/notices/notice-jobs';
import { buildHead, buildSite } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLearningsOrganisation, buildRotatingPerson, insertInsight, logShift, noticesOf, type LearningsOrganisation } from './learnings-setup';

let t: TestApp;
let org: LearningsOrganisation;
let singaporeHeadId: string;

/*
 * Week 2027-W05 (1 to 7 February) against W04: 100 contacts handled in each; usability raised 20 (was 5), billing 0
 * (was 10). Product has two new insights in W05 and one still new from W04.
 */
beforeAll(async () => {
  t = await startTestApp();
  org = await buildLearningsOrganisation(t);
  const person = await buildRotatingPerson(t, org);
  await logShift(t, person, '2027-01-26T09:00:00Z', 100);
  await logShift(t, person, '2027-02-02T09:00:00Z', 100);
  await insertInsight(t.dataSource, {
    authorId: person.id,
    departments: [org.product],
    summary: 'Menu has too many levels',
    contactsRaised: 5,
    createdAt: '2027-01-26T12:00:00Z',
  });
  await insertInsight(t.dataSource, {
    authorId: person.id,
    departments: [org.product],
    summary: 'Invoice total is wrong',
    category: 'billing',
    contactsRaised: 10,
    status: 'acknowledged',
    createdAt: '2027-01-27T12:00:00Z',
  });
  await insertInsight(t.dataSource, {
    authorId: person.id,
    departments: [org.product],
    summary: 'Cannot find the returns option',
    severity: 'severe',
    contactsRaised: 15,
    createdAt: '2027-02-03T12:00:00Z',
  });
  await insertInsight(t.dataSource, {
    authorId: person.id,
    departments: [org.product],
    summary: 'Menu voice is too fast',
    contactsRaised: 5,
    status: 'planned',
    createdAt: '2027-02-04T12:00:00Z',
  });
  const singapore = await buildSite(t.dataSource, { timeZone: 'Asia/Singapore', countryCode: 'SG' });
  singaporeHeadId = (await buildHead(t.dataSource, { heads: [org.product], siteId: singapore.id })).id;
});
afterAll(() => t.close());

const digestsAt = (iso: string) => inTransaction(t.dataSource, (manager) => sendWeeklyDigests(manager, DateTime.fromISO(iso, { setZone: true })));
const digestsOf = async (employeeId: string) => (await noticesOf(t.dataSource, employeeId)).filter((notice) => notice.kind === 'learnings-digest');

describe('the weekly digest', () => {
  it('is due from Monday 08:00 in each head’s own time zone', async () => {
    // 07:30 in Berlin is 14:30 in Singapore.
    await digestsAt('2027-02-08T07:30:00+01:00');
    expect(await digestsOf(org.productHead.id)).toEqual([]);
    expect(await digestsOf(singaporeHeadId)).toHaveLength(1);
    await digestsAt('2027-02-08T08:00:00+01:00');
    expect(await digestsOf(org.productHead.id)).toHaveLength(1);
  });

  it('tells last week’s new insights, the biggest movers and the oldest untriaged ones', async () => {
    const [digest] = await digestsOf(org.productHead.id);
    expect(digest.to).toBe(org.productHead.email);
    expect(digest.subject).toBe('Your weekly learnings, 2027-W06: 2 new insights, 2 waiting for triage');
    expect(digest.body).toContain(`Your learnings for ${org.product.name}, week 2027-W06.`);
    expect(digest.body).toContain(
      'New last week (Monday 1 February 2027 to Sunday 7 February 2027): 2 insights\n- Cannot find the returns option (Severe, 15 contacts)\n- Menu voice is too fast (Minor, 5 contacts)',
    );
    expect(digest.body).toContain('Biggest movers (share of all contacts, against the week before):\n- usability: 20% (+15.0 points)\n- billing: 0% (−10.0 points)');
    expect(digest.body).toContain('Waiting for triage: 2 insights, the oldest:\n- Menu has too many levels (new for 12 days)\n- Cannot find the returns option (new for 4 days)');
  });

  it('is queued once a week however often the job runs, and again the next week', async () => {
    expect(await digestsAt('2027-02-08T09:00:00+01:00')).toBe(0);
    expect(await digestsAt('2027-02-14T23:00:00+01:00')).toBe(0);
    expect(await digestsOf(org.productHead.id)).toHaveLength(1);
    expect(await digestsAt('2027-02-15T08:00:00+01:00')).toBe(2);
    const digests = await digestsOf(org.productHead.id);
    expect(digests.map((digest) => digest.subject)).toEqual([
      'Your weekly learnings, 2027-W06: 2 new insights, 2 waiting for triage',
      'Your weekly learnings, 2027-W07: 0 new insights, 2 waiting for triage',
    ]);
  });

  it('is not sent to a head with nothing to read', async () => {
    await digestsAt('2027-02-15T12:00:00+01:00');
    expect(await digestsOf(org.hardwareHead.id)).toEqual([]);
  });

  it('runs as a scheduled job that one process claims at a time', async () => {
    const now = () => DateTime.fromISO('2027-02-22T10:00:00+01:00');
    expect(await runDigestJob(t.dataSource, now)).toBe(2);
    // Not due again for an hour, and the week's digests are out anyway.
    expect(await runDigestJob(t.dataSource, now)).toBeNull();
    expect((await digestsOf(org.productHead.id)).map((digest) => digest.subject.slice(0, 33))).toEqual([
      'Your weekly learnings, 2027-W06: ',
      'Your weekly learnings, 2027-W07: ',
      'Your weekly learnings, 2027-W08: ',
    ]);
  });
});
