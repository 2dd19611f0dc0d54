import { z } from "zod";

/** The syncs this release runs; invoices and payments follow. */
export const prerequisiteObject = z.enum(["contacts", "products"]);
export const recordStateSchema = z.enum(["synced", "failed", "excluded", "pending"]);
