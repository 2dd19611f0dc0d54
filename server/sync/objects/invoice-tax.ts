import type { SyncContext } from "../context";
import { LineTax } from "../tax/line-tax";
import { loadTaxMapping } from "../tax/store";

/**
 * Per QuickBooks company, whether it is a US one. A company's country is set when it is made and
 * never changes, so it is read once per process rather than once per run.
 */
const usCompanies = new Map<string, boolean>();

async function isUsCompany(ctx: SyncContext): Promise<boolean> {
  const realmId = ctx.quickbooks.realmId;
  const known = usCompanies.get(realmId);
  if (known !== undefined) return known;
  const us = ((await ctx.quickbooks.companyInfo()).Country ?? "US") === "US";
  usCompanies.set(realmId, us);
  return us;
}

/**
 * The tax translation an org's invoice adapters share, read once per run: none for a US company
 * (its lines carry no tax codes), the org's tax mapping otherwise.
 */
export function invoiceTaxLoader(ctx: SyncContext): () => Promise<LineTax | null> {
  let loaded: Promise<LineTax | null> | undefined;
  return () => {
    loaded ??= (async () => {
      if (await isUsCompany(ctx)) return null;
      return new LineTax(await loadTaxMapping(ctx.db, ctx.orgId));
    })().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
