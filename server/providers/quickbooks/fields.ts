import type { Scalar } from "../../sync/engine/values";

const CUSTOM_FIELD = /^CustomField:(.+)$/;

type Doc = Record<string, unknown>;

function isDoc(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A QuickBooks entity as field paths: nested objects joined with dots (`PrimaryEmailAddr.Address`,
 * `CustomerRef.value`), custom fields as `CustomField:<DefinitionId>`. Arrays other than custom
 * fields (lines, linked transactions) are left to the object's own adapter.
 */
export function flatten(doc: Doc, prefix = ""): Record<string, Scalar> {
  const fields: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === "CustomField" && Array.isArray(value)) {
      for (const field of value.filter(isDoc)) {
        if (field.DefinitionId !== undefined) fields[`CustomField:${String(field.DefinitionId)}`] = (field.StringValue as string | undefined) ?? null;
      }
    } else if (isDoc(value)) {
      Object.assign(fields, flatten(value, path));
    } else if (!Array.isArray(value) && value !== undefined) {
      fields[path] = value as Scalar;
    }
  }
  return fields;
}

/**
 * The body that writes these paths in a sparse update. An emptied text field is sent as "", which
 * QuickBooks stores as cleared (an omitted field would keep its old value).
 */
export function unflatten(fields: Record<string, Scalar>): Doc {
  const doc: Doc = {};
  const customFields: Doc[] = [];
  for (const [path, value] of Object.entries(fields)) {
    const custom = CUSTOM_FIELD.exec(path);
    if (custom) {
      customFields.push({ DefinitionId: custom[1], Type: "StringType", StringValue: value === null ? "" : String(value) });
      continue;
    }
    const parts = path.split(".");
    let node = doc;
    for (const part of parts.slice(0, -1)) node = (node[part] = isDoc(node[part]) ? node[part] : {}) as Doc;
    node[parts.at(-1)!] = value === null ? "" : value;
  }
  if (customFields.length > 0) doc.CustomField = customFields;
  return doc;
}
