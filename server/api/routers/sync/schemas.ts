import { z } from "zod";

/** The syncs this release runs (payments ride on invoices: a payment on one side lowers the other's balance). */
export const syncedObject = z.enum(["contacts", "products", "invoices"]);
export const recordStateSchema = z.enum(["synced", "failed", "excluded", "pending"]);
