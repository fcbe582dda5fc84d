import { z } from 'zod';

export const listEntryNameForm = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(80, 'A name is at most 80 characters'),
});

/** A choice left at "any" comes as an empty string. */
export const optionalIdField = (message: string) =>
  z
    .union([z.literal(''), z.guid({ error: message })], { error: message })
    .optional()
    .transform((id) => id || null);

// The field names carry a prefix because the rule form shares its page (and its error summary) with the lists.
export const routingRuleForm = z
  .object({
    ruleCategoryId: optionalIdField('Choose one of the categories offered'),
    ruleProductAreaId: optionalIdField('Choose one of the product areas offered'),
    ruleDepartmentId: z.guid({ error: 'Choose the department the insights should reach' }),
  })
  .refine((rule) => rule.ruleCategoryId || rule.ruleProductAreaId, { message: 'Choose a category, a product area or both', path: ['ruleCategoryId'] })
  .transform((rule) => ({ categoryId: rule.ruleCategoryId, productAreaId: rule.ruleProductAreaId, departmentId: rule.ruleDepartmentId }));
