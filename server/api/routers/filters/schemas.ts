import { z } from "zod";

export const filterDirectionSchema = z.enum(["to_quickbooks", "to_hubspot"]);
export const filterMatchSchema = z.enum(["all", "any"]);

/**
 * A condition on a field of the side the records come from. `value` is omitted for is_set /
 * is_not_set and is a comma-separated list for `in`; dates are YYYY-MM-DD.
 */
export const filterConditionSchema = z.object({
  field: z.string().min(1, "Choose a field."),
  operator: z.enum(["eq", "neq", "contains", "not_contains", "gt", "gte", "lt", "lte", "is_set", "is_not_set", "in"]),
  value: z.string().max(1000).optional(),
});

export const filterConditionsSchema = z.array(filterConditionSchema).min(1, "Add a condition.").max(20);

export const filterSchema = z.object({
  id: z.uuid(),
  direction: filterDirectionSchema,
  match: filterMatchSchema,
  conditions: z.array(filterConditionSchema),
  label: z.string().nullable(),
  /** A fixed rule of the sync, shown with its reason; it can't be changed or deleted. */
  locked: z.boolean(),
  reason: z.string().nullable(),
});
