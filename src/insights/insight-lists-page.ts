// What HR's "Insight lists" page shows: both lists, the routing rules, and the choices of the rule form.
import type { EntityManager } from 'typeorm';
import { departmentOptions, type DepartmentOption } from '../people/departments.service';
import { listEntries, openEntries, type ListEntry } from './insight-lists';
import { describeRule, listRoutingRules } from './routing-rules';

export interface InsightListsPage {
  categories: ListEntry[];
  productAreas: ListEntry[];
  rules: { id: string; description: string }[];
  openCategories: ListEntry[];
  openProductAreas: ListEntry[];
  departments: DepartmentOption[];
}

export async function loadInsightListsPage(manager: EntityManager): Promise<InsightListsPage> {
  const categories = await listEntries(manager, 'category');
  const productAreas = await listEntries(manager, 'product-area');
  const rules = (await listRoutingRules(manager)).map((rule) => ({ id: rule.id, description: describeRule(rule) }));
  return {
    categories,
    productAreas,
    rules,
    openCategories: await openEntries(manager, 'category'),
    openProductAreas: await openEntries(manager, 'product-area'),
    departments: (await departmentOptions(manager)).filter((department) => !department.archived),
  };
}
