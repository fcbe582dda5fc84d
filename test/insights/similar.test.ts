import { insightContacts } from '../../src/insights/insight-queries';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildAuthor, buildInsight, buildInsightOrganisation, insightsBy, postForm, writeInsight, type Author, type InsightOrganisation } from './insight-setup';

let t: TestApp;
let org: InsightOrganisation;
let writer: Author;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  org = await buildInsightOrganisation(t);
  writer = await buildAuthor(t, org, [20], { fullName: 'Wendy Writer' });
  const departments = [org.product];
  ids.exact = await buildInsight(t.dataSource, writer.id, { summary: 'Callers cannot find the returns option in the phone menu', contactsRaised: 6, departments });
  ids.partial = await buildInsight(t.dataSource, writer.id, { summary: 'The phone menu has too many options', contactsRaised: 2, departments });
  ids.body = await buildInsight(t.dataSource, writer.id, { summary: 'Long wait on hold', verbatim: 'I could not find how to start a return anywhere.', departments });
  ids.unrelated = await buildInsight(t.dataSource, writer.id, { summary: 'Delivery boxes arrive crushed', departments });
  ids.merged = await buildInsight(t.dataSource, writer.id, { summary: 'Returns option missing in phone menu', departments });
  await t.dataSource.query(`UPDATE insights SET merged_into_id = $1 WHERE id = $2`, [ids.exact, ids.merged]);
});
afterAll(() => t.close());

/** The insight ids a suggestion list links to, in order. */
const suggested = (html: string) => [...html.matchAll(/href="\/insights\/([0-9a-f-]+)\/echo"/g)].map((match) => match[1]);

describe('similar insights while typing', () => {
  it('ranks insights by full-text relevance and summary similarity, leaving out merged and unrelated ones', async () => {
    const author = await buildAuthor(t, org);
    const fragment = await author.agent.get('/insights/similar').query({ summary: 'cannot find the returns option in the phone menu' });
    expect(fragment.status).toBe(200);
    expect(fragment.text).not.toContain('<html');
    expect(suggested(fragment.text)).toEqual([ids.exact, ids.partial, ids.body]);
    // 6 of its own and 1 of the insight merged into it.
    expect(fragment.text).toContain('7 contacts');
    expect(fragment.text).not.toContain('Wendy Writer');
  });

  it('finds a summary by similarity while its words are still half typed', async () => {
    const author = await buildAuthor(t, org);
    const fragment = await author.agent.get('/insights/similar').query({ summary: 'delivery boxes arive crush' });
    expect(suggested(fragment.text)[0]).toBe(ids.unrelated);
  });

  it('suggests nothing for fewer than three letters, and says so when nothing is alike', async () => {
    const author = await buildAuthor(t, org);
    expect(suggested((await author.agent.get('/insights/similar').query({ summary: 'ca' })).text)).toEqual([]);
    const none = await author.agent.get('/insights/similar').query({ summary: 'invoice pdf is blank' });
    expect(none.text).toContain('No similar insights were written yet.');
  });

  it('works without JavaScript: “Check for similar insights” shows the form again with them and saves nothing', async () => {
    const author = await buildAuthor(t, org);
    const checked = await writeInsight(t, author, [org.product], { intent: 'check-similar', summary: 'returns option phone menu' });
    expect(checked.status).toBe(200);
    expect(suggested(checked.text)[0]).toBe(ids.exact);
    expect(checked.text).toContain('value="returns option phone menu"');
    expect(await insightsBy(t.dataSource, author.id)).toEqual([]);
  });

  it('is for signed-in people only', async () => {
    const request = (await import('supertest')).default;
    const anonymous = await request(t.app).get('/insights/similar?summary=returns');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('“I heard this too”', () => {
  it('adds the employee’s contacts from their shift to the insight instead of a duplicate', async () => {
    const listener = await buildAuthor(t, org, [7, 9]);
    const target = await buildInsight(t.dataSource, writer.id, { summary: 'Checkout rejects valid postcodes', contactsRaised: 4, departments: [org.product] });
    const form = await listener.agent.get(`/insights/${target}/echo`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Checkout rejects valid postcodes');
    expect(form.text).toContain(`<option value="${listener.shiftIds[1]}" selected>`);

    const echoed = await postForm(listener.agent, `/insights/${target}/echo`, { shiftId: listener.shiftIds[1], contacts: 3 });
    expect(echoed.status).toBe(303);
    expect(echoed.headers.location).toBe('/me/insights');
    expect(await t.dataSource.query(`SELECT employee_id, shift_id, contacts FROM insight_echoes WHERE insight_id = $1`, [target])).toEqual([
      { employee_id: listener.id, shift_id: listener.shiftIds[1], contacts: 3 },
    ]);
    expect(await insightsBy(t.dataSource, listener.id)).toEqual([]);
    expect((await insightContacts(t.dataSource.manager, target)).total).toBe(7);

    const mine = await listener.agent.get('/me/insights');
    expect(mine.text).toContain('your 3 contacts count for “Checkout rejects valid postcodes” now (7 in all)');
    expect(mine.text).toContain('Insights you heard too');
  });

  it('counts an echo of a merged insight for the insight it was merged into', async () => {
    const listener = await buildAuthor(t, org);
    const kept = await buildInsight(t.dataSource, writer.id, { summary: 'Gift cards cannot be combined', departments: [org.product] });
    const merged = await buildInsight(t.dataSource, writer.id, { summary: 'Two gift cards in one order fail', departments: [org.product] });
    await t.dataSource.query(`UPDATE insights SET merged_into_id = $1 WHERE id = $2`, [kept, merged]);
    expect((await postForm(listener.agent, `/insights/${merged}/echo`, { shiftId: listener.shiftIds[0], contacts: 2 })).status).toBe(303);
    expect(await t.dataSource.query(`SELECT insight_id FROM insight_echoes WHERE employee_id = $1`, [listener.id])).toEqual([{ insight_id: kept }]);
  });

  it('refuses more contacts than the shift handled, another person’s shift, and the same shift twice', async () => {
    const listener = await buildAuthor(t, org, [5]);
    const target = await buildInsight(t.dataSource, writer.id, { summary: 'App logs me out', departments: [org.product] });
    const cases: [Record<string, string | number>, string][] = [
      [{ shiftId: listener.shiftIds[0], contacts: 6 }, 'That shift logged 5 contacts: enter at most 5'],
      [{ shiftId: listener.shiftIds[0], contacts: 0 }, 'Enter how many contacts in that shift raised it'],
      [{ shiftId: writer.shiftIds[0], contacts: 1 }, 'Choose one of your shifts'],
    ];
    for (const [fields, message] of cases) {
      const refused = await postForm(listener.agent, `/insights/${target}/echo`, fields);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain(message);
    }
    expect(await t.dataSource.query(`SELECT 1 FROM insight_echoes WHERE insight_id = $1`, [target])).toEqual([]);

    expect((await postForm(listener.agent, `/insights/${target}/echo`, { shiftId: listener.shiftIds[0], contacts: 2 })).status).toBe(303);
    const again = await postForm(listener.agent, `/insights/${target}/echo`, { shiftId: listener.shiftIds[0], contacts: 2 });
    expect(again.status).toBe(422);
    expect(again.text).toContain('You already counted the contacts of this shift for this insight');
    expect((await insightContacts(t.dataSource.manager, target)).echoes).toBe(2);
  });

  it('refuses the author’s own shift that the insight already counts', async () => {
    const author = await buildAuthor(t, org, [10]);
    const own = await buildInsight(t.dataSource, author.id, { summary: 'Password reset mail never arrives', shiftId: author.shiftIds[0], departments: [org.product] });
    const refused = await postForm(author.agent, `/insights/${own}/echo`, { shiftId: author.shiftIds[0], contacts: 1 });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('You already counted the contacts of this shift');
  });
});
