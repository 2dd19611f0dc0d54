import { z } from "zod";

export const providerSchema = z.enum(["hubspot", "quickbooks"]);

export const providerAccountSchema = z.object({ id: z.string(), name: z.string().nullable() });

export const connectionSummarySchema = z.object({
  provider: providerSchema,
  status: z.enum(["not_connected", "active", "needs_reauth", "disconnected"]),
  connectionId: z.uuid().nullable(),
  account: providerAccountSchema.nullable(),
  connectedAt: z.date().nullable(),
  refreshedAt: z.date().nullable(),
  accessTokenExpiresAt: z.date().nullable(),
  lastError: z.string().nullable(),
  scopes: z.string().nullable(),
});
