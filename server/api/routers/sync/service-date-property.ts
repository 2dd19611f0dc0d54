import { z } from "zod";
import { SERVICE_DATE_PROPERTY, ensureServiceDateProperty } from "../../../providers/hubspot/tandem-properties";
import { loadSyncConfig, saveSyncConfig } from "../../../sync/config";
import { createSyncContext } from "../../../sync/org-context";
import { orgAdminProviderProcedure } from "../../trpc";

export const serviceDatePropertyResponse = z.object({ property: z.string(), created: z.boolean() });

/**
 * HubSpot line items have no service date: creates Tandem's line-item date property in the
 * account and maps it to the QuickBooks line's ServiceDate (revenue recognition).
 */
export const createServiceDatePropertyRoute = orgAdminProviderProcedure.output(serviceDatePropertyResponse).mutation(async ({ ctx }) => {
  const sync = await createSyncContext(ctx.db, ctx.org.id);
  const created = await ensureServiceDateProperty(sync.hubspot);
  const config = await loadSyncConfig(ctx.db, ctx.org.id, "invoices");
  await saveSyncConfig(ctx.db, ctx.org.id, "invoices", { settings: { ...config.settings, serviceDateProperty: SERVICE_DATE_PROPERTY } });
  return { property: SERVICE_DATE_PROPERTY, created };
});
