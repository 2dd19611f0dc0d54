import { z } from "zod";
import { taxMappingStatus } from "../../../sync/tax/status";
import { TAX_MODES } from "../../../sync/tax/types";
import { orgProviderProcedure } from "../../trpc";

export const taxMappingResponse = z.object({
  country: z.string(),
  required: z.boolean(),
  hubspotRates: z.array(z.object({ id: z.string(), name: z.string(), label: z.string(), percentage: z.number(), active: z.boolean() })),
  quickbooksCodes: z.array(z.object({ id: z.string(), name: z.string(), percentage: z.number(), active: z.boolean() })),
  mapping: z.object({ mode: z.enum(TAX_MODES), defaultCodeId: z.string().nullable(), rates: z.record(z.string(), z.string()) }),
  gaps: z.array(z.string()),
});

/** The HubSpot account's tax rates, the QuickBooks company's tax codes, the org's mapping between them and what it lacks. */
export const taxMappingRoute = orgProviderProcedure.output(taxMappingResponse).query(({ ctx }) => taxMappingStatus(ctx.db, ctx.org.id));
