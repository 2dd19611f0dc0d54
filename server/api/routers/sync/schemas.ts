import { z } from "zod";

/** Every object Tandem syncs (payments ride on invoices: on with two-way or outbound invoice sync). */
export const syncedObject = z.enum(["contacts", "products", "invoices", "payments"]);
export const recordStateSchema = z.enum(["synced", "failed", "excluded", "pending"]);
export const sideSchema = z.enum(["hubspot", "quickbooks"]);
export const errorCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, "An error code looks like DUPLICATE_DISPLAY_NAME.");

/** A stored error code in the catalogue's words. */
export const describedErrorSchema = z.object({
  code: z.string(),
  category: z.string(),
  explanation: z.string(),
  fix: z.string(),
  /** Tandem retries it on its own (the user may retry sooner). */
  retryable: z.boolean(),
  detail: z.string().nullable(),
});

/** The record's page on each side: the sandbox pages locally, HubSpot's and QuickBooks Online's otherwise. */
export const recordUrlsSchema = z.object({ hubspot: z.string().nullable(), quickbooks: z.string().nullable() });

/** One link as lists and panels show it. */
export const recordSchema = z.object({
  id: z.uuid(),
  object: syncedObject,
  label: z.string().nullable(),
  hubspotId: z.string().nullable(),
  quickbooksId: z.string().nullable(),
  /** The side the record was born on. */
  origin: sideSchema,
  state: recordStateSchema,
  error: describedErrorSchema.nullable(),
  excludedReason: z.string().nullable(),
  lastSyncedAt: z.date().nullable(),
  updatedAt: z.date(),
  urls: recordUrlsSchema,
});
