// What employees heard on their shifts: insights written after almost half of the logged shifts, routed to
// departments by a few routing rules, some heard again by colleagues, older ones triaged with an answer.
// The words come from Node (insight-text.ts); which shift, when, and everything else is decided in the database.
import type { Faker } from '@faker-js/faker';
import type { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { composeInsight, seededAreaNames, seededCategoryNames, type SeededCategory } from './insight-text';

export interface InsightHistoryOptions {
  faker: Faker;
  today: DateTime;
  departments: { id: string; slug: string }[];
  onProgress: (done: number, total: number) => void;
}

const insightsPerShift = 0.45;
const chunkSize = 5000;

const categoryRoutes: Partial<Record<SeededCategory, string[]>> = {
  usability: ['product'],
  defect: ['engineering'],
  'missing feature': ['product'],
  documentation: ['product', 'support'],
  billing: ['billing'],
  'delivery and fulfilment': ['fulfilment'],
  'hardware and suppliers': ['hardware'],
  'policy and process': ['support'],
  praise: ['support'],
};
const areaRoutes: Record<string, string[]> = {
  'Mobile app': ['engineering'],
  Checkout: ['engineering', 'billing'],
  'Phone menu': ['support'],
  Devices: ['hardware'],
};

const answers: Record<string, string[]> = {
  acknowledged: ['Thanks, we see this too and are looking into it.', 'Noted; we are collecting more examples before we decide.'],
  planned: ['This is on our plan for next quarter.', 'We have scheduled a fix; thank you for raising it.'],
  done: ['Fixed in the latest release; please tell customers it should work now.', 'Changed as suggested. Thank you!'],
  'wont-do': ['We will not change this for now: the rule protects customers from fraud.', 'Not planned: too few customers are affected.'],
};

const insertChunk = `
  INSERT INTO insights (author_id, shift_id, summary, verbatim, situation, category_id, product_area_id,
                        severity, contacts_raised, sensitive, status, created_at, updated_at, routed_department_ids)
  SELECT src.employee_id, src.shift_id, t.summary, t.verbatim, t.situation, t.category_id, t.area_id,
         CASE WHEN x.severity < 0.55 THEN 'minor' WHEN x.severity < 0.9 THEN 'significant' ELSE 'severe' END,
         1 + floor(x.contacts * x.contacts * 12)::int, x.sensitive < 0.03,
         CASE WHEN x.age < 14 THEN CASE WHEN x.status < 0.75 THEN 'new' ELSE 'acknowledged' END
              WHEN x.age < 90 THEN CASE WHEN x.status < 0.3 THEN 'new' WHEN x.status < 0.65 THEN 'acknowledged'
                                        WHEN x.status < 0.85 THEN 'planned' WHEN x.status < 0.95 THEN 'done' ELSE 'wont-do' END
              ELSE CASE WHEN x.status < 0.1 THEN 'new' WHEN x.status < 0.25 THEN 'acknowledged' WHEN x.status < 0.4 THEN 'planned'
                        WHEN x.status < 0.85 THEN 'done' ELSE 'wont-do' END END,
         src.ends_at, src.ends_at,
         -- The departments the rules route it to, in the order of the routing's copy: routing it then changes nothing.
         array(SELECT DISTINCT r.department_id FROM routing_rules r
                WHERE (r.category_id = t.category_id OR r.category_id IS NULL) AND (r.product_area_id = t.area_id OR r.product_area_id IS NULL)
                ORDER BY r.department_id)
    FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS t (summary, verbatim, situation, category_id, area_id, n)
    JOIN seed_insight_sources src ON src.n = $6 + t.n
   CROSS JOIN LATERAL (SELECT $7::date - src.ends_at::date AS age, random() AS severity, random() AS contacts,
                              random() AS sensitive, random() AS status) AS x`;

async function seedRoutingRules(manager: EntityManager, departments: InsightHistoryOptions['departments']): Promise<void> {
  const departmentIds = (slugs: string[]) => slugs.map((slug) => departments.find((department) => department.slug === slug)!.id);
  const rules = [
    ...Object.entries(categoryRoutes).flatMap(([category, slugs]) => departmentIds(slugs!).map((id) => [category, null, id])),
    ...Object.entries(areaRoutes).flatMap(([area, slugs]) => departmentIds(slugs).map((id) => [null, area, id])),
  ];
  await manager.query(
    `INSERT INTO routing_rules (category_id, product_area_id, department_id)
     SELECT c.id, pa.id, r.department_id
       FROM unnest($1::text[], $2::text[], $3::uuid[]) AS r (category, area, department_id)
       LEFT JOIN insight_categories c ON lower(c.name) = r.category
       LEFT JOIN product_areas pa ON lower(pa.name) = lower(r.area)`,
    [rules.map((rule) => rule[0]), rules.map((rule) => rule[1]), rules.map((rule) => rule[2])],
  );
}

/** Needs the shifts seeded first; takes a share of them in order of time, so `n` numbers them oldest first. */
async function pickSourceShifts(manager: EntityManager): Promise<number> {
  await manager.query(`CREATE TEMP TABLE seed_insight_sources (n bigint PRIMARY KEY, shift_id uuid NOT NULL, employee_id uuid NOT NULL, ends_at timestamptz NOT NULL)`);
  await manager.query(
    `INSERT INTO seed_insight_sources (n, shift_id, employee_id, ends_at)
     SELECT row_number() OVER (ORDER BY starts_at, employee_id), id, employee_id, ends_at
       FROM (SELECT * FROM shifts ORDER BY starts_at, employee_id) s WHERE random() < $1`,
    [insightsPerShift],
  );
  await manager.query(`ANALYZE seed_insight_sources`);
  const [{ count }]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM seed_insight_sources`);
  return count;
}

export async function seedInsightHistory(manager: EntityManager, options: InsightHistoryOptions): Promise<void> {
  const { faker, today } = options;
  await seedRoutingRules(manager, options.departments);
  const categories: { id: string; name: string }[] = await manager.query(`SELECT id, lower(name) AS name FROM insight_categories`);
  const areas: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM product_areas`);
  const categoryId = new Map(seededCategoryNames.map((name) => [name, categories.find((category) => category.name === name)!.id]));
  const areaId = new Map(seededAreaNames.map((name) => [name, areas.find((area) => area.name === name)!.id]));

  const total = await pickSourceShifts(manager);
  for (let start = 0; start < total; start += chunkSize) {
    const texts = Array.from({ length: Math.min(chunkSize, total - start) }, () => composeInsight(faker));
    await manager.query(insertChunk, [
      texts.map((text) => text.summary),
      texts.map((text) => text.verbatim),
      texts.map((text) => text.situation),
      texts.map((text) => categoryId.get(text.category)),
      texts.map((text) => areaId.get(text.area)),
      start,
      today.toISODate(),
    ]);
    options.onProgress(start + texts.length, total);
  }

  await manager.query(`
    INSERT INTO insight_departments (insight_id, department_id, routed_at)
    SELECT i.id, routed.department_id, i.created_at FROM insights i CROSS JOIN unnest(i.routed_department_ids) AS routed (department_id)`);
  // Colleagues on later shifts who heard the same thing.
  await manager.query(`
    INSERT INTO insight_echoes (insight_id, employee_id, shift_id, contacts, created_at)
    SELECT picked.id, o.employee_id, o.shift_id, picked.contacts, o.ends_at
      FROM (SELECT i.id, i.author_id, src.n + 1 + floor(random() * 200)::bigint AS other, 1 + floor(random() * 4)::int AS contacts
              FROM insights i JOIN seed_insight_sources src ON src.shift_id = i.shift_id
             WHERE random() < 0.06) AS picked
      JOIN seed_insight_sources o ON o.n = picked.other AND o.employee_id <> picked.author_id`);
  // A head of one of its departments answered some of those past "new".
  await manager.query(
    `INSERT INTO insight_comments (insight_id, author_id, body, status_from, status_to, created_at)
     SELECT DISTINCT ON (i.id) i.id, h.employee_id, a.bodies[1 + floor(random() * cardinality(a.bodies))::int], 'new', i.status,
            least(i.created_at + interval '1 day' * (1 + floor(random() * 20)), $2::timestamptz)
       FROM insights i
       JOIN insight_departments d ON d.insight_id = i.id
       JOIN department_heads h ON h.department_id = d.department_id
       JOIN (SELECT key AS status, ARRAY(SELECT jsonb_array_elements_text(value)) AS bodies FROM jsonb_each($1::jsonb)) AS a ON a.status = i.status
      WHERE random() < 0.4
      ORDER BY i.id, d.department_id`,
    [JSON.stringify(answers), today.toISO()],
  );
  await manager.query(`DROP TABLE seed_insight_sources`);
}
