import type { HubSpotTaxRate } from "../../sync/tax/types";
import { undefinedIfNotFound } from "../provider-error";
import type { HubSpotClient } from "./client";

/** The HubSpot account's tax rates, in Tandem's terms. */
export async function hubspotTaxRates(client: HubSpotClient): Promise<HubSpotTaxRate[]> {
  return (await client.listTaxRates()).map((rate) => ({ id: rate.id, name: rate.name, label: rate.label, percentage: Number(rate.percentageRate), active: rate.active }));
}

/** An invoice's total as HubSpot computes it (line amounts plus their tax), or null when it's gone. */
export async function hubspotInvoiceTotal(client: HubSpotClient, invoiceId: string): Promise<number | null> {
  const invoice = await client.getObject("invoices", invoiceId, ["hs_amount_billed"]).catch(undefinedIfNotFound);
  const total = invoice?.properties.hs_amount_billed;
  return total === undefined || total === null || total === "" ? null : Number(total);
}
