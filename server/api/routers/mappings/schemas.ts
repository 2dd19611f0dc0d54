import { z } from "zod";
import { hasCollection } from "../../../sync/mappings/catalogue";
import { hubspotFieldName, rulesOf } from "../../../sync/mappings/defaults";

export const syncObjectSchema = z.enum(["contacts", "products", "invoices", "payments"]);
export const fieldKindSchema = z.enum(["text", "email", "number", "money", "date", "enum", "boolean"]);
export const mappingDirectionSchema = z.enum(["both", "to_quickbooks", "to_hubspot"]);
export const conflictWinnerSchema = z.enum(["hubspot", "quickbooks"]);
/** HubSpot option value → QuickBooks value. */
export const valueMapSchema = z.record(z.string().min(1), z.string().min(1));

/** An object and one of its collections: "" is the record itself, "lines" an invoice's lines. */
export const objectCollectionShape = { object: syncObjectSchema, collection: z.enum(["", "lines"]).default("") };

/** Refuses a collection the object doesn't have (only invoices have lines). */
export function collectionOfObject<T extends { object: z.infer<typeof syncObjectSchema>; collection: string }>(schema: z.ZodType<T>) {
  return schema.refine(({ object, collection }) => hasCollection(object, collection), { path: ["collection"], message: "Only invoices have lines." });
}

export const objectCollectionInput = collectionOfObject(z.object(objectCollectionShape));

const mappingRowSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  collection: z.string(),
  hubspotProperty: z.string(),
  quickbooksPath: z.string(),
  kind: fieldKindSchema,
  valueMap: valueMapSchema.nullable(),
  direction: mappingDirectionSchema,
  conflictWinner: conflictWinnerSchema.nullable(),
  enabled: z.boolean(),
  isDefault: z.boolean(),
  object: syncObjectSchema,
});

/** A mapping as the editor shows it: what it reads in HubSpot, and what of it can't change and why. */
export const mappingSchema = mappingRowSchema.transform((mapping) => ({
  ...mapping,
  hubspotField: hubspotFieldName(mapping),
  ...rulesOf(mapping),
}));

/** What a mapping change did, and whether records synced before it should be synced again. */
export const mappingChangeResponse = z.object({
  mapping: mappingSchema.nullable(),
  mappingVersion: z.number().int(),
  resync: z.object({ suggested: z.boolean(), records: z.number().int() }),
});
