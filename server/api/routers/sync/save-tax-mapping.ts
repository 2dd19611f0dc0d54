import { z } from "zod";
import { FieldError } from "../../../auth/field-error";
import { taxMappingStatus } from "../../../sync/tax/status";
import { saveTaxMapping } from "../../../sync/tax/store";
import { TAX_MODES } from "../../../sync/tax/types";
import { orgAdminProviderProcedure } from "../../trpc";
import { taxMappingResponse } from "./tax-mapping";

const id = z.string().trim().min(1, "Choose one").max(64);

export const saveTaxMappingInput = z.object({
  mode: z.enum(TAX_MODES),
  /** The QuickBooks tax code for lines without a HubSpot tax rate. */
  defaultCodeId: id,
  rates: z
    .array(z.object({ hubspotTaxRateId: id, quickbooksTaxCodeId: id }))
    .max(500)
    .refine((rates) => new Set(rates.map((r) => r.hubspotTaxRateId)).size === rates.length, { message: "Each HubSpot tax rate can be mapped once." }),
});

/**
 * Replaces the org's tax mapping. Every id is checked against the accounts as they are now (a
 * HubSpot rate of the library, an active QuickBooks tax code); a bad one is a field error and
 * nothing is saved.
 */
export const saveTaxMappingRoute = orgAdminProviderProcedure
  .input(saveTaxMappingInput)
  .output(taxMappingResponse)
  .mutation(async ({ ctx, input }) => {
    const current = await taxMappingStatus(ctx.db, ctx.org.id);
    if (!current.required) throw new FieldError("defaultCodeId", `The QuickBooks company is in ${current.country}, where invoices need no tax codes.`, "PRECONDITION_FAILED");
    const codes = new Set(current.quickbooksCodes.filter((c) => c.active).map((c) => c.id));
    const rates = new Set(current.hubspotRates.map((r) => r.id));
    if (!codes.has(input.defaultCodeId)) throw new FieldError("defaultCodeId", `${input.defaultCodeId} is not an active tax code of the QuickBooks company.`);
    for (const rate of input.rates) {
      if (!rates.has(rate.hubspotTaxRateId)) throw new FieldError(`rates.${rate.hubspotTaxRateId}`, `${rate.hubspotTaxRateId} is not a tax rate of the HubSpot account.`);
      if (!codes.has(rate.quickbooksTaxCodeId)) throw new FieldError(`rates.${rate.hubspotTaxRateId}`, `${rate.quickbooksTaxCodeId} is not an active tax code of the QuickBooks company.`);
    }
    await ctx.db.transaction((tx) =>
      saveTaxMapping(tx, ctx.org.id, {
        mode: input.mode,
        defaultCodeId: input.defaultCodeId,
        rates: Object.fromEntries(input.rates.map((r) => [r.hubspotTaxRateId, r.quickbooksTaxCodeId])),
      }),
    );
    return taxMappingStatus(ctx.db, ctx.org.id);
  });
