// What the insight form shows: HR's lists, the person's shifts (the latest chosen), the departments the
// routing rules suggest, and, once a summary is there, similar insights.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { departmentOptions, type DepartmentOption } from '../people/departments.service';
import { severities, severityLabels, situationMaxLength, summaryMaxLength, verbatimMaxLength } from './insight';
import type { InsightFormValues } from './insight-form';
import { openEntries, type ListEntry } from './insight-lists';
import { shiftChoices, type ShiftChoice } from './linked-shift';
import { routedDepartmentIds } from './routing-rules';
import { findSimilarInsights, minimumSimilarText, type SimilarInsight } from './similar-insights';

export interface InsightFormPage {
  values: InsightFormValues;
  categories: ListEntry[];
  productAreas: ListEntry[];
  departments: DepartmentOption[];
  shifts: ShiftChoice[];
  severityOptions: { value: string; name: string }[];
  /** The departments HR's rules suggest for the chosen category and product area. */
  routedNames: string[];
  similar: SimilarInsight[];
  /** A summary long enough was there to look for similar ones. */
  similarChecked: boolean;
  limits: { summary: number; verbatim: number; situation: number };
}

const blankValues: InsightFormValues = {
  summary: '',
  verbatim: '',
  situation: '',
  categoryId: '',
  productAreaId: '',
  severity: '',
  shiftId: '',
  contactsRaised: '',
  tags: '',
  sensitive: '',
  departmentIds: [],
};

const guid = z.guid();
const idOrNull = (value: string) => (guid.safeParse(value).success ? value : null);

export interface FormShowing {
  /** "Suggest departments" was pressed: the rules' departments replace those ticked. */
  suggestDepartments?: boolean;
}

/** The form, new (`typed` null) or shown again with what was typed. */
export async function loadInsightFormPage(manager: EntityManager, employeeId: string, typed: InsightFormValues | null, showing: FormShowing = {}): Promise<InsightFormPage> {
  const shifts = await shiftChoices(manager, employeeId);
  const values = typed ?? { ...blankValues, shiftId: shifts[0]?.id ?? '' };
  const departments = (await departmentOptions(manager)).filter((department) => !department.archived);
  const routed = await routedDepartmentIds(manager, idOrNull(values.categoryId), idOrNull(values.productAreaId));
  // Shown again, the form ticks the rules' departments unless the author ticked some; always editable.
  const departmentIds = (showing.suggestDepartments && routed.length) || (typed && !values.departmentIds.length) ? routed : values.departmentIds;
  return {
    values: { ...values, departmentIds },
    categories: await openEntries(manager, 'category'),
    productAreas: await openEntries(manager, 'product-area'),
    departments,
    shifts,
    severityOptions: severities.map((value) => ({ value, name: severityLabels[value] })),
    routedNames: departments.filter((department) => routed.includes(department.id)).map((department) => department.name),
    similar: typed ? await findSimilarInsights(manager, values.summary) : [],
    similarChecked: Boolean(typed) && values.summary.trim().length >= minimumSimilarText,
    limits: { summary: summaryMaxLength, verbatim: verbatimMaxLength, situation: situationMaxLength },
  };
}
