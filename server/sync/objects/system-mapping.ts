import type { SyncObject } from "../../db/schema";
import type { FieldMapping } from "../mappings/types";

/** A field the engine always syncs for the object, besides the user's mappings (an invoice's lines, a payment's amount). */
export function systemMapping(object: SyncObject, key: string, label: string, hubspotProperty: string, quickbooksPath: string, kind: FieldMapping["kind"]): FieldMapping {
  const now = new Date(0);
  return {
    id: `system:${key}`,
    orgId: "",
    object,
    collection: "",
    key,
    label,
    hubspotProperty,
    quickbooksPath,
    kind,
    valueMap: null,
    direction: "both",
    conflictWinner: null,
    enabled: true,
    isDefault: true,
    createdAt: now,
    updatedAt: now,
  };
}
