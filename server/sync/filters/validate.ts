import { FieldError } from "../../auth/field-error";
import type { FilterCondition } from "../../db/schema";
import type { CatalogueField } from "../mappings/fields";
import type { FieldKind } from "../mappings/types";

export type FilterOperator = FilterCondition["operator"];

/** The record's own timestamps, offered on both sides (QuickBooks MetaData, HubSpot createdAt/updatedAt). */
export const TIMESTAMP_FIELDS: CatalogueField[] = [
  { path: "createdAt", label: "Created", kind: "date", readOnly: true, custom: false },
  { path: "updatedAt", label: "Last modified", kind: "date", readOnly: true, custom: false },
];

const EVERY_KIND: FieldKind[] = ["text", "email", "number", "money", "date", "enum", "boolean"];

/** Which kinds each operator compares. `in` takes a comma-separated list of values. */
const OPERATOR_KINDS: Record<FilterOperator, FieldKind[]> = {
  eq: EVERY_KIND,
  neq: EVERY_KIND,
  in: ["text", "email", "number", "money", "enum"],
  contains: ["text", "email"],
  not_contains: ["text", "email"],
  gt: ["number", "money", "date"],
  gte: ["number", "money", "date"],
  lt: ["number", "money", "date"],
  lte: ["number", "money", "date"],
  is_set: EVERY_KIND,
  is_not_set: EVERY_KIND,
};

const WITHOUT_VALUE: FilterOperator[] = ["is_set", "is_not_set"];

/** The values a condition compares with: one, or several for `in`. */
export function conditionValues(condition: Pick<FilterCondition, "operator" | "value">): string[] {
  const value = condition.value?.trim() ?? "";
  return condition.operator === "in" ? value.split(",").map((v) => v.trim()).filter(Boolean) : value ? [value] : [];
}

function valueProblem(field: CatalogueField, value: string): string | null {
  switch (field.kind) {
    case "number":
    case "money":
      return Number.isFinite(Number(value)) ? null : `"${value}" is not a number.`;
    case "date":
      return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? null : `"${value}" is not a date (YYYY-MM-DD).`;
    case "boolean":
      return value === "true" || value === "false" ? null : 'Use "true" or "false".';
    case "enum":
      return field.options?.some((o) => o.value === value) ? null : `"${value}" is not an option of "${field.label}".`;
    default:
      return null;
  }
}

/**
 * Checks conditions against the fields of the side the records come from. Returns them with the
 * value trimmed (and dropped where the operator takes none); refuses a problem with a FieldError
 * naming the condition's part, e.g. `conditions.1.value`.
 */
export function validateConditions(conditions: FilterCondition[], fields: CatalogueField[], sideName: string): FilterCondition[] {
  return conditions.map((condition, i) => {
    const at = (part: string) => `conditions.${i}.${part}`;
    const field = [...TIMESTAMP_FIELDS, ...fields].find((f) => f.path === condition.field);
    if (!field) throw new FieldError(at("field"), `${sideName} has no field "${condition.field}" here.`);
    if (!OPERATOR_KINDS[condition.operator].includes(field.kind)) {
      throw new FieldError(at("operator"), `"${field.label}" can't be compared with "${condition.operator}".`);
    }
    if (WITHOUT_VALUE.includes(condition.operator)) return { field: condition.field, operator: condition.operator };
    const values = conditionValues(condition);
    if (values.length === 0) throw new FieldError(at("value"), "Enter a value to compare with.");
    for (const value of values) {
      const problem = valueProblem(field, value);
      if (problem) throw new FieldError(at("value"), problem);
    }
    return { field: condition.field, operator: condition.operator, value: values.join(",") };
  });
}
