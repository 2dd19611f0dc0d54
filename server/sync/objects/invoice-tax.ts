import type { SyncContext } from "../context";
import { LineTax } from "../tax/line-tax";
import { loadTaxMapping } from "../tax/store";

/**
 * The tax translation an org's invoice adapters share, read once per run: none for a US company
 * (its lines carry no tax codes), the org's tax mapping otherwise.
 */
export function invoiceTaxLoader(ctx: SyncContext): () => Promise<LineTax | null> {
  let loaded: Promise<LineTax | null> | undefined;
  return () => {
    loaded ??= (async () => {
      const info = await ctx.quickbooks.companyInfo();
      if ((info.Country ?? "US") === "US") return null;
      return new LineTax(await loadTaxMapping(ctx.db, ctx.orgId));
    })().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
