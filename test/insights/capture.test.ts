import { startTestApp, type TestApp } from '../support/test-app';
import { buildAuthor, buildInsightOrganisation, categoryId, insightsBy, productAreaId, writeInsight, type FormFields, type InsightOrganisation } from './insight-setup';

let t: TestApp;
let org: InsightOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildInsightOrganisation(t);
});
afterAll(() => t.close());

const ticked = (html: string, departmentId: string) => html.includes(`name="departmentIds" value="${departmentId}" checked`);

async function addRule(category: string | null, area: string | null, departmentId: string) {
  await t.dataSource.query(`INSERT INTO routing_rules (category_id, product_area_id, department_id) VALUES ($1, $2, $3)`, [
    category && (await categoryId(t.dataSource, category)),
    area && (await productAreaId(t.dataSource, area)),
    departmentId,
  ]);
}

describe('the insight form', () => {
  it('offers HR’s lists and the author’s shifts, the latest chosen', async () => {
    const author = await buildAuthor(t, org, [8, 12, 5]);
    const form = await author.agent.get('/me/insights/new');
    expect(form.status).toBe(200);
    for (const name of ['usability', 'hardware and suppliers', 'delivery and fulfilment', 'Phone menu', 'Checkout', org.product.name]) expect(form.text).toContain(name);
    expect(form.text).toContain(`<option value="${author.shiftIds[2]}" selected>`);
    expect(form.text).toContain('Wed 31 Mar 2027, 09:00–13:00');
    expect(form.text).toContain(': 5 contacts');
    expect(form.text).toContain('src="/assets/insight-suggestions.js"');
  });

  it('asks an employee without shifts to log one first', async () => {
    const author = await buildAuthor(t, org, []);
    const form = await author.agent.get('/me/insights/new');
    expect(form.text).toContain('log your shift</a> first');
  });
});

describe('saving an insight', () => {
  it('saves it with its shift, tags and departments, and shows it to its author', async () => {
    const author = await buildAuthor(t, org, [12, 9]);
    const saved = await writeInsight(t, author, [org.product, org.hardware], { shiftId: author.shiftIds[0], contactsRaised: 12, tags: 'Returns, menu, returns', severity: 'severe' });
    expect(saved.status).toBe(303);
    const [insight] = await insightsBy(t.dataSource, author.id);
    expect(insight).toMatchObject({ shift_id: author.shiftIds[0], contacts_raised: 12, severity: 'severe', tags: ['menu', 'returns'], sensitive: false, masked: [] });
    expect(insight.departments.sort()).toEqual([org.product.id, org.hardware.id].sort());
    expect(saved.headers.location).toBe(`/me/insights/${insight.id}`);

    const page = await author.agent.get(saved.headers.location);
    expect(page.text).toContain('Insight saved');
    expect(page.text).toContain('Callers cannot find the returns option in the phone menu');
    expect(page.text).toContain('No email addresses, phone numbers or card numbers were found to mask.');
  });

  it('masks email addresses, phone numbers and Luhn-valid card numbers, keeps only their counts, and tells the author', async () => {
    const author = await buildAuthor(t, org);
    const saved = await writeInsight(t, author, [org.product], {
      summary: 'Refund promised to jane.doe@example.com never came',
      verbatim:
        'Write to jane.doe@example.com or j.doe@mail.example.org, or call +49 (0)30 1234567. ' +
        'My card 4111 1111 1111 1111 was charged twice; the other one, 5500-0000-0000-0004, too. Order 4111 1111 1111 1112 is mine.',
      situation: 'Ring me on 0151 2345678 after six.',
    });
    expect(saved.status).toBe(303);
    const [insight] = await insightsBy(t.dataSource, author.id);
    expect(insight.summary).toBe('Refund promised to [email removed] never came');
    expect(insight.verbatim).toBe(
      'Write to [email removed] or [email removed], or call [phone number removed]. ' +
        'My card [card number removed] was charged twice; the other one, [card number removed], too. Order 4111 1111 1111 1112 is mine.',
    );
    expect(insight.situation).toBe('Ring me on [phone number removed] after six.');
    expect(insight.masked).toEqual([
      { field: 'summary', kind: 'email', count: 1 },
      { field: 'verbatim', kind: 'email', count: 2 },
      { field: 'verbatim', kind: 'card', count: 2 },
      { field: 'verbatim', kind: 'phone', count: 1 },
      { field: 'situation', kind: 'phone', count: 1 },
    ]);
    const stored = JSON.stringify(await t.dataSource.query(`SELECT i.*, a.after FROM insights i JOIN audit_log a ON a.entity_id = i.id WHERE i.id = $1`, [insight.id]));
    for (const raw of ['jane.doe@example.com', '1234567', '4111 1111 1111 1111', '5500-0000-0000-0004', '2345678']) expect(stored).not.toContain(raw);

    const page = await author.agent.get(`/me/insights/${insight.id}`);
    expect(page.text).toContain('In the summary: 1 email address.');
    expect(page.text).toContain('In what the customer said: 2 email addresses, 2 card numbers and 1 phone number.');
    expect(page.text).toContain('In the customer’s situation: 1 phone number.');
  });

  it('saves the sensitive mark and tells the author who may see their name', async () => {
    const author = await buildAuthor(t, org);
    expect((await writeInsight(t, author, [org.product], { sensitive: 'yes' })).status).toBe(303);
    const [insight] = await insightsBy(t.dataSource, author.id);
    expect(insight.sensitive).toBe(true);
    expect((await author.agent.get(`/me/insights/${insight.id}`)).text).toContain('Yes: only HR sees that you wrote it');
  });

  it('records the new insight in the audit log', async () => {
    const author = await buildAuthor(t, org);
    await writeInsight(t, author, [org.product]);
    const [insight] = await insightsBy(t.dataSource, author.id);
    const entries = await t.dataSource.query(`SELECT actor_name, action, summary FROM audit_log WHERE entity_type = 'insight' AND entity_id = $1`, [insight.id]);
    expect(entries).toEqual([{ actor_name: author.fullName, action: 'created', summary: 'Wrote insight “Callers cannot find the returns option in the phone menu”' }]);
  });
});

describe('departments from the routing rules', () => {
  it('ticks the departments HR’s rules name for the category and product area on “Suggest departments”, saving nothing', async () => {
    await addRule('hardware and suppliers', null, org.hardware.id);
    await addRule('hardware and suppliers', 'Devices', org.fulfilment.id);
    await addRule(null, 'Checkout', org.product.id);
    const author = await buildAuthor(t, org);

    const devices = await writeInsight(t, author, [org.product], {
      intent: 'suggest-departments',
      categoryId: await categoryId(t.dataSource, 'hardware and suppliers'),
      productAreaId: await productAreaId(t.dataSource, 'Devices'),
    });
    expect(devices.status).toBe(200);
    expect(ticked(devices.text, org.hardware.id)).toBe(true);
    expect(ticked(devices.text, org.fulfilment.id)).toBe(true);
    expect(ticked(devices.text, org.product.id)).toBe(false);
    expect(devices.text).toContain('HR’s routing rules suggest');
    expect(devices.text).toContain('I pressed every number twice and never reached returns.');

    const otherArea = await writeInsight(t, author, [], {
      intent: 'suggest-departments',
      categoryId: await categoryId(t.dataSource, 'hardware and suppliers'),
      productAreaId: await productAreaId(t.dataSource, 'Checkout'),
    });
    expect(ticked(otherArea.text, org.hardware.id)).toBe(true);
    expect(ticked(otherArea.text, org.product.id)).toBe(true);
    expect(ticked(otherArea.text, org.fulfilment.id)).toBe(false);
    expect(await insightsBy(t.dataSource, author.id)).toEqual([]);
  });

  it('ticks them when the form is shown again with no department chosen, and saves the departments the author chose instead', async () => {
    await addRule('billing', null, org.fulfilment.id);
    const author = await buildAuthor(t, org);
    const billing = await categoryId(t.dataSource, 'billing');
    const refused = await writeInsight(t, author, [], { categoryId: billing });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Choose at least one department it should reach');
    expect(ticked(refused.text, org.fulfilment.id)).toBe(true);

    expect((await writeInsight(t, author, [org.product], { categoryId: billing })).status).toBe(303);
    expect((await insightsBy(t.dataSource, author.id))[0].departments).toEqual([org.product.id]);
  });
});

describe('validation', () => {
  it.each([
    ['no summary', { summary: '  ' }, 'Enter a one-line summary'],
    ['a summary over 160 characters', { summary: 'x'.repeat(161) }, 'The summary is at most 160 characters'],
    ['nothing the customer said', { verbatim: '' }, 'Enter what the customer said'],
    ['what the customer said over 4,000 characters', { verbatim: 'y'.repeat(4001) }, 'What the customer said is at most 4,000 characters'],
    ['a situation over 4,000 characters', { situation: 'z'.repeat(4001) }, 'The customer’s situation is at most 4,000 characters'],
    ['no category', { categoryId: '' }, 'Choose a category'],
    ['an unknown product area', { productAreaId: 'not-an-area' }, 'Choose one of the product areas offered'],
    ['no severity', { severity: '' }, 'Choose how much it hurt the customer'],
    ['no contacts', { contactsRaised: '' }, 'Enter how many contacts in that shift raised it, a whole number from 1'],
    ['zero contacts', { contactsRaised: 0 }, 'Enter how many contacts in that shift raised it, a whole number from 1'],
    ['contacts with a fraction', { contactsRaised: '1.5' }, 'Enter how many contacts in that shift raised it, a whole number from 1'],
    ['no shift', { shiftId: '' }, 'Choose the shift in which you heard this'],
    ['no department', { departmentIds: [] }, 'Choose at least one department it should reach'],
    ['more than ten tags', { tags: 'a,b,c,d,e,f,g,h,i,j,k' }, 'Give at most 10 tags'],
    ['a tag over 40 characters', { tags: `ok, ${'t'.repeat(41)}` }, 'A tag is at most 40 characters'],
  ])('refuses %s with a plain message and saves nothing', async (_case, fields, message) => {
    const author = await buildAuthor(t, org);
    const refused = await writeInsight(t, author, [org.product], fields);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(message);
    expect(await insightsBy(t.dataSource, author.id)).toEqual([]);
  });

  it('refuses more contacts than the linked shift handled', async () => {
    const author = await buildAuthor(t, org, [12, 4]);
    const refused = await writeInsight(t, author, [org.product], { shiftId: author.shiftIds[1], contactsRaised: 5 });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('That shift logged 4 contacts: enter at most 4');
    expect(await insightsBy(t.dataSource, author.id)).toEqual([]);
    expect((await writeInsight(t, author, [org.product], { shiftId: author.shiftIds[1], contactsRaised: 4 })).status).toBe(303);
  });

  it('refuses another person’s shift, an archived category and an archived department', async () => {
    const author = await buildAuthor(t, org);
    const other = await buildAuthor(t, org);
    const archived = await t.dataSource.query(`INSERT INTO insight_categories (name, position, archived_at) VALUES ('retired theme', 99, now()) RETURNING id`);
    const [closed] = await t.dataSource.query(`INSERT INTO departments (name, archived_at) VALUES ('Closed department', now()) RETURNING id`);
    const cases: [FormFields, string][] = [
      [{ shiftId: other.shiftIds[0] }, 'Choose one of your shifts'],
      [{ categoryId: archived[0].id }, 'Choose one of the categories offered'],
      [{ departmentIds: [closed.id] }, 'Choose among the departments offered'],
    ];
    for (const [fields, message] of cases) {
      const refused = await writeInsight(t, author, [org.product], fields);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain(message);
    }
    expect(await insightsBy(t.dataSource, author.id)).toEqual([]);
  });
});
