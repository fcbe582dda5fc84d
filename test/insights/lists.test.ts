import { buildDepartment, buildEmployee } from '../support/factories';
import { signIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildAuthor, buildDepartmentHead, buildInsightOrganisation, categoryId, postForm, productAreaId, type InsightOrganisation } from './insight-setup';

let t: TestApp;
let org: InsightOrganisation;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildInsightOrganisation(t);
});
afterAll(() => t.close());

const auditOf = (entityType: string) => t.dataSource.query(`SELECT action, summary, actor_name FROM audit_log WHERE entity_type = $1 ORDER BY occurred_at, id`, [entityType]);
const ruleCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS count FROM routing_rules`))[0].count;

describe('HR’s insight lists', () => {
  it('shows the seeded categories in order and the product areas', async () => {
    const page = await org.hr.get('/hr/insight-lists');
    expect(page.status).toBe(200);
    const seeded = ['usability', 'defect', 'missing feature', 'documentation', 'billing', 'delivery and fulfilment', 'hardware and suppliers', 'policy and process', 'praise', 'other'];
    const positions = seeded.map((name) => page.text.indexOf(`value="${name}"`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const area of ['Website', 'Mobile app', 'Phone menu', 'Checkout', 'Delivery', 'Devices', 'Accounts']) expect(page.text).toContain(`value="${area}"`);
  });

  it('adds, renames and archives a category, with audit entries; an archived one is no longer offered to authors', async () => {
    const added = await postForm(org.hr, '/hr/insight-lists/categories', { name: 'Accessibility' });
    expect(added.status).toBe(303);
    const id = await categoryId(t.dataSource, 'Accessibility');
    expect((await org.hr.get('/hr/insight-lists')).text).toContain('Category Accessibility added.');

    expect((await postForm(org.hr, `/hr/insight-lists/categories/${id}/name`, { name: 'Access needs' })).status).toBe(303);
    const author = await buildAuthor(t, org);
    expect((await author.agent.get('/me/insights/new')).text).toContain('Access needs');

    expect((await postForm(org.hr, `/hr/insight-lists/categories/${id}/archive`)).status).toBe(303);
    expect((await author.agent.get('/me/insights/new')).text).not.toContain('Access needs');
    const listed = await org.hr.get('/hr/insight-lists');
    expect(listed.text).toContain('value="Access needs"');
    expect(listed.text).toContain('Offer again');

    expect(await auditOf('insight-list')).toEqual(
      expect.arrayContaining([
        { action: 'created', summary: 'Added category Accessibility', actor_name: org.hrName },
        { action: 'renamed', summary: 'Renamed category Accessibility to Access needs', actor_name: org.hrName },
        { action: 'archived', summary: 'Archived category Access needs', actor_name: org.hrName },
      ]),
    );
  });

  it('adds and archives product areas too', async () => {
    expect((await postForm(org.hr, '/hr/insight-lists/product-areas', { name: 'Smart speaker' })).status).toBe(303);
    const id = await productAreaId(t.dataSource, 'Smart speaker');
    expect((await postForm(org.hr, `/hr/insight-lists/product-areas/${id}/archive`)).status).toBe(303);
    expect((await postForm(org.hr, `/hr/insight-lists/product-areas/${id}/unarchive`)).status).toBe(303);
    const author = await buildAuthor(t, org);
    expect((await author.agent.get('/me/insights/new')).text).toContain('Smart speaker');
    expect((await auditOf('insight-list')).map((entry: { summary: string }) => entry.summary)).toEqual(
      expect.arrayContaining(['Added product area Smart speaker', 'Archived product area Smart speaker', 'Unarchived product area Smart speaker']),
    );
  });

  it.each([
    ['a name already taken, in any case', { name: 'USABILITY' }, 'There is already a category called USABILITY'],
    ['an empty name', { name: '  ' }, 'Enter a name'],
    ['a name over 80 characters', { name: 'n'.repeat(81) }, 'A name is at most 80 characters'],
  ])('refuses %s for a category with a plain message', async (_case, fields, message) => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS count FROM insight_categories`);
    const refused = await postForm(org.hr, '/hr/insight-lists/categories', fields);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(message);
    expect(await t.dataSource.query(`SELECT count(*)::int AS count FROM insight_categories`)).toEqual(before);
  });

  it('refuses renaming a product area to another’s name', async () => {
    const website = await productAreaId(t.dataSource, 'Website');
    const refused = await postForm(org.hr, `/hr/insight-lists/product-areas/${website}/name`, { name: 'checkout' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('There is already a product area called checkout');
    expect(refused.text).toContain(`id="product-area-${website}" name="name" type="text" required value="checkout" aria-invalid="true"`);
    expect(await t.dataSource.query(`SELECT name FROM product_areas WHERE id = $1`, [website])).toEqual([{ name: 'Website' }]);
  });
});

describe('routing rules', () => {
  it('adds rules by category, by product area and by both, lists them, and removes them, with audit entries', async () => {
    const department = await buildDepartment(t.dataSource, { name: 'Hardware & Suppliers' });
    const hardware = await categoryId(t.dataSource, 'hardware and suppliers');
    const devices = await productAreaId(t.dataSource, 'Devices');
    for (const fields of [
      { ruleCategoryId: hardware, ruleProductAreaId: '', ruleDepartmentId: department.id },
      { ruleCategoryId: '', ruleProductAreaId: devices, ruleDepartmentId: department.id },
      { ruleCategoryId: hardware, ruleProductAreaId: devices, ruleDepartmentId: org.fulfilment.id },
    ]) {
      expect((await postForm(org.hr, '/hr/insight-lists/routing-rules', fields)).status).toBe(303);
    }
    const page = await org.hr.get('/hr/insight-lists');
    expect(page.text).toContain('hardware and suppliers in any product area → Hardware &amp; Suppliers');
    expect(page.text).toContain('any category in Devices → Hardware &amp; Suppliers');
    expect(page.text).toContain(`hardware and suppliers in Devices → ${org.fulfilment.name}`);

    const [rule] = await t.dataSource.query(`SELECT id FROM routing_rules WHERE product_area_id = $1 AND category_id IS NULL`, [devices]);
    expect((await postForm(org.hr, `/hr/insight-lists/routing-rules/${rule.id}/delete`)).status).toBe(303);
    expect((await org.hr.get('/hr/insight-lists')).text).not.toContain('any category in Devices');

    expect(await auditOf('routing-rule')).toEqual([
      { action: 'created', summary: 'Added routing rule hardware and suppliers in any product area → Hardware & Suppliers', actor_name: org.hrName },
      { action: 'created', summary: 'Added routing rule any category in Devices → Hardware & Suppliers', actor_name: org.hrName },
      { action: 'created', summary: `Added routing rule hardware and suppliers in Devices → ${org.fulfilment.name}`, actor_name: org.hrName },
      { action: 'removed', summary: 'Removed routing rule any category in Devices → Hardware & Suppliers', actor_name: org.hrName },
    ]);
    const history = await org.hr.get('/hr/audit?entityType=routing-rule');
    expect(history.text).toContain('Removed routing rule any category in Devices');
  });

  const praiseRule = async () => ({ ruleCategoryId: await categoryId(t.dataSource, 'praise'), ruleProductAreaId: '', ruleDepartmentId: org.product.id });

  it.each([
    ['neither a category nor a product area', { ruleCategoryId: '', ruleProductAreaId: '' }, 'Choose a category, a product area or both'],
    ['no department', { ruleDepartmentId: '' }, 'Choose the department the insights should reach'],
  ])('refuses %s', async (_case, fields, message) => {
    const before = await ruleCount();
    const refused = await postForm(org.hr, '/hr/insight-lists/routing-rules', { ...(await praiseRule()), ...fields });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(message);
    expect(await ruleCount()).toBe(before);
  });

  it('refuses a rule that exists already', async () => {
    const department = await buildDepartment(t.dataSource);
    const rule = { ...(await praiseRule()), ruleDepartmentId: department.id };
    expect((await postForm(org.hr, '/hr/insight-lists/routing-rules', rule)).status).toBe(303);
    const before = await ruleCount();
    const refused = await postForm(org.hr, '/hr/insight-lists/routing-rules', rule);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`This rule exists already: praise in any product area → ${department.name}`);
    expect(await ruleCount()).toBe(before);
  });
});

describe('who may change the lists', () => {
  it('refuses employees and heads, changing nothing', async () => {
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    const head = (await buildDepartmentHead(t, [org.product])).agent;
    const usability = await categoryId(t.dataSource, 'usability');
    for (const agent of [employee, head]) {
      expect((await agent.get('/hr/insight-lists')).status).toBe(403);
      expect((await postForm(agent, '/hr/insight-lists/categories', { name: 'Sneaky' })).status).toBe(403);
      expect((await postForm(agent, `/hr/insight-lists/categories/${usability}/archive`)).status).toBe(403);
      expect((await postForm(agent, '/hr/insight-lists/routing-rules', { ruleCategoryId: usability, ruleDepartmentId: org.product.id })).status).toBe(403);
    }
    expect(await t.dataSource.query(`SELECT 1 FROM insight_categories WHERE name = 'Sneaky' OR (id = $1 AND archived_at IS NOT NULL)`, [usability])).toEqual([]);
  });

  it('shows HR the “Insight lists” entry and employees “My insights”', async () => {
    const employee = await signIn(t.app, (await buildEmployee(t.dataSource)).email);
    const home = await employee.get('/me');
    expect(home.text).toContain('href="/me/insights"');
    expect(home.text).not.toContain('href="/hr/insight-lists"');
    expect((await org.hr.get('/hr')).text).toContain('href="/hr/insight-lists"');
  });
});
