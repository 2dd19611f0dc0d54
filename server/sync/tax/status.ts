import type { Database } from "../../db/client";
import { hubspotTaxRates } from "../../providers/hubspot/tax-rates";
import { quickbooksTaxCodes } from "../../providers/quickbooks/tax-codes";
import { createSyncContext } from "../org-context";
import { taxMappingGaps } from "./gaps";
import { loadTaxMapping } from "./store";
import type { HubSpotTaxRate, QuickBooksTaxCode, TaxMapping } from "./types";

export interface TaxMappingStatus {
  /** The QuickBooks company's country; tax codes are required outside the US. */
  country: string;
  required: boolean;
  hubspotRates: HubSpotTaxRate[];
  quickbooksCodes: QuickBooksTaxCode[];
  mapping: TaxMapping;
  /** Why the mapping isn't complete yet (empty: complete, or not required). */
  gaps: string[];
}

/** Both sides' rates and codes, the org's mapping, and what is missing from it (needs both accounts connected). */
export async function taxMappingStatus(db: Database, orgId: string): Promise<TaxMappingStatus> {
  const ctx = await createSyncContext(db, orgId);
  const [info, mapping] = await Promise.all([ctx.quickbooks.companyInfo(), loadTaxMapping(db, orgId)]);
  const country = info.Country ?? "US";
  if (country === "US") return { country, required: false, hubspotRates: [], quickbooksCodes: [], mapping, gaps: [] };
  const [hubspotRates, quickbooksCodes] = await Promise.all([hubspotTaxRates(ctx.hubspot), quickbooksTaxCodes(ctx.quickbooks)]);
  return { country, required: true, hubspotRates, quickbooksCodes, mapping, gaps: taxMappingGaps(mapping, hubspotRates, quickbooksCodes) };
}
