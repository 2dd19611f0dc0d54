import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { taxRateMappings, taxSettings } from "../../db/schema";
import type { TaxMapping } from "./types";

export async function loadTaxMapping(db: Queryable, orgId: string): Promise<TaxMapping> {
  const [settings, rows] = await Promise.all([
    db.query.taxSettings.findFirst({ where: eq(taxSettings.orgId, orgId) }),
    db.select().from(taxRateMappings).where(eq(taxRateMappings.orgId, orgId)),
  ]);
  return {
    mode: settings?.mode ?? "exclusive",
    defaultCodeId: settings?.defaultTaxCodeId ?? null,
    rates: Object.fromEntries(rows.map((r) => [r.hubspotTaxRateId, r.quickbooksTaxCodeId])),
  };
}

/** Replaces the org's whole mapping (rates left out are unmapped). */
export async function saveTaxMapping(tx: Queryable, orgId: string, mapping: TaxMapping): Promise<void> {
  await tx
    .insert(taxSettings)
    .values({ orgId, defaultTaxCodeId: mapping.defaultCodeId, mode: mapping.mode })
    .onConflictDoUpdate({ target: taxSettings.orgId, set: { defaultTaxCodeId: mapping.defaultCodeId, mode: mapping.mode, updatedAt: new Date() } });
  await tx.delete(taxRateMappings).where(eq(taxRateMappings.orgId, orgId));
  const rows = Object.entries(mapping.rates).map(([hubspotTaxRateId, quickbooksTaxCodeId]) => ({ orgId, hubspotTaxRateId, quickbooksTaxCodeId }));
  if (rows.length) await tx.insert(taxRateMappings).values(rows);
}
