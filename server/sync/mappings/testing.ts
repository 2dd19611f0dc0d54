import type { FieldMapping } from "./types";

/** A stored mapping for unit tests: a default contacts text field named `key`, with `over` applied. */
export function testMapping(key: string, over: Partial<FieldMapping> = {}): FieldMapping {
  return {
    id: `m-${key}`,
    orgId: "org",
    object: "contacts",
    collection: "",
    key,
    label: key,
    hubspotProperty: key.toLowerCase(),
    quickbooksPath: key,
    kind: "text",
    valueMap: null,
    direction: "both",
    conflictWinner: null,
    enabled: true,
    isDefault: true,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  };
}
