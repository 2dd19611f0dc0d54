import type { HubSpotTaxRate, QuickBooksTaxCode, TaxMapping } from "./types";

/**
 * What keeps the mapping from being complete, in words a user can act on; none when every active
 * HubSpot rate maps to an active QuickBooks code and there is an active default code.
 */
export function taxMappingGaps(mapping: TaxMapping, rates: HubSpotTaxRate[], codes: QuickBooksTaxCode[]): string[] {
  const usable = new Map(codes.filter((c) => c.active).map((c) => [c.id, c]));
  const gaps: string[] = [];
  if (!mapping.defaultCodeId) gaps.push("No QuickBooks tax code is chosen for lines without a HubSpot tax rate.");
  else if (!usable.has(mapping.defaultCodeId)) gaps.push(`The default tax code (${mapping.defaultCodeId}) is not an active tax code of the QuickBooks company.`);
  for (const rate of rates.filter((r) => r.active)) {
    const code = mapping.rates[rate.id];
    if (!code) gaps.push(`The HubSpot tax rate “${rate.name}” (${rate.percentage} %) is not mapped to a QuickBooks tax code.`);
    else if (!usable.has(code)) gaps.push(`The HubSpot tax rate “${rate.name}” is mapped to tax code ${code}, which the QuickBooks company doesn't have (or made inactive).`);
  }
  return gaps;
}
