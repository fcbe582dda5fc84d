// HR's routing rules: insights of a category, a product area, or both, go to a department. They pre-fill the
// departments of a new insight; the author may change them.
import type { EntityManager } from 'typeorm';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { InvalidField, withUniqueFields } from '../http/invalid-fields';
import { requireOpenEntry } from './insight-lists';

export interface RoutingRuleFields {
  categoryId: string | null;
  productAreaId: string | null;
  departmentId: string;
}

export interface RoutingRule extends RoutingRuleFields {
  id: string;
  categoryName: string | null;
  productAreaName: string | null;
  departmentName: string;
}

const ruleSelect = `
  SELECT r.id, r.category_id AS "categoryId", r.product_area_id AS "productAreaId", r.department_id AS "departmentId",
         c.name AS "categoryName", pa.name AS "productAreaName", d.name AS "departmentName"
    FROM routing_rules r
    LEFT JOIN insight_categories c ON c.id = r.category_id
    LEFT JOIN product_areas pa ON pa.id = r.product_area_id
    JOIN departments d ON d.id = r.department_id`;

export function listRoutingRules(manager: EntityManager): Promise<RoutingRule[]> {
  return manager.query(`${ruleSelect} ORDER BY c.position NULLS FIRST, lower(pa.name) NULLS FIRST, lower(d.name)`);
}

/** "usability in any product area → Product & UX" */
export function describeRule(rule: Pick<RoutingRule, 'categoryName' | 'productAreaName' | 'departmentName'>): string {
  return `${rule.categoryName ?? 'any category'} in ${rule.productAreaName ?? 'any product area'} → ${rule.departmentName}`;
}

export async function addRoutingRule(manager: EntityManager, actor: AuditActor, fields: RoutingRuleFields): Promise<{ id: string }> {
  const category = fields.categoryId ? await requireOpenEntry(manager, 'category', fields.categoryId, 'ruleCategoryId') : null;
  const area = fields.productAreaId ? await requireOpenEntry(manager, 'product-area', fields.productAreaId, 'ruleProductAreaId') : null;
  const [department]: { name: string }[] = await manager.query(`SELECT name FROM departments WHERE id = $1 AND archived_at IS NULL`, [fields.departmentId]);
  if (!department) throw new InvalidField('ruleDepartmentId', 'Choose one of the departments offered');
  const described = describeRule({ categoryName: category?.name ?? null, productAreaName: area?.name ?? null, departmentName: department.name });
  const [created]: { id: string }[] = await withUniqueFields(
    () =>
      manager.query(`INSERT INTO routing_rules (category_id, product_area_id, department_id) VALUES ($1, $2, $3) RETURNING id`, [
        fields.categoryId,
        fields.productAreaId,
        fields.departmentId,
      ]),
    { routing_rules_key: new InvalidField('ruleDepartmentId', `This rule exists already: ${described}`) },
  );
  await recordAudit(manager, actor, { entityType: 'routing-rule', entityId: created.id, action: 'created', summary: `Added routing rule ${described}`, after: { ...fields } });
  return created;
}

export async function removeRoutingRule(manager: EntityManager, actor: AuditActor, id: string): Promise<void> {
  const [rule]: RoutingRule[] = await manager.query(`${ruleSelect} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
  if (!rule) throw new NotFound('There is no such routing rule.');
  await manager.query(`DELETE FROM routing_rules WHERE id = $1`, [id]);
  const { categoryId, productAreaId, departmentId } = rule;
  await recordAudit(manager, actor, {
    entityType: 'routing-rule',
    entityId: id,
    action: 'removed',
    summary: `Removed routing rule ${describeRule(rule)}`,
    before: { categoryId, productAreaId, departmentId },
  });
}

/**
 * The open departments the rules send an insight of this category and product area to: a rule naming only a
 * category matches every area, one naming only an area every category, one naming both that pair alone.
 */
export async function routedDepartmentIds(manager: EntityManager, categoryId: string | null, productAreaId: string | null): Promise<string[]> {
  if (!categoryId && !productAreaId) return [];
  const rows: { departmentId: string }[] = await manager.query(
    `SELECT DISTINCT r.department_id AS "departmentId"
       FROM routing_rules r JOIN departments d ON d.id = r.department_id AND d.archived_at IS NULL
      WHERE (r.category_id IS NULL OR r.category_id = $1) AND (r.product_area_id IS NULL OR r.product_area_id = $2)`,
    [categoryId, productAreaId],
  );
  return rows.map((row) => row.departmentId);
}
