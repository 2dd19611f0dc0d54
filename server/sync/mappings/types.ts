import type { fieldMappings } from "../../db/schema";

export type FieldKind = (typeof fieldMappings.$inferSelect)["kind"];
export type MappingDirection = (typeof fieldMappings.$inferSelect)["direction"];
export type FieldMapping = typeof fieldMappings.$inferSelect;

/** The mappings of one object (enabled or not) and the version they make up together. */
export interface MappingSet {
  version: number;
  mappings: FieldMapping[];
}

/** A default mapping as seeded for every org: everything but the ids and the org. */
export type MappingDefinition = Pick<FieldMapping, "key" | "label" | "hubspotProperty" | "quickbooksPath" | "kind"> &
  Partial<Pick<FieldMapping, "collection" | "direction" | "valueMap" | "enabled">> & {
    /** Why the user can't change this mapping's direction (it is seeded with the only one that works). */
    fixedDirection?: string;
    /** Why the user can't switch this mapping off. */
    alwaysOn?: string;
    /** What switching it off does, where that isn't simply "the field isn't copied". */
    whenOff?: string;
  };
