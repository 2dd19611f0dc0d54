import { HubSpotApiError, json, notFound, validation } from "../domain/errors";
import { findTaxRate, pageOfTaxRates, presentTaxRate } from "../store/tax-rates";
import { sandboxDb } from "../store/db";
import type { ApiContext } from "./context";

const MAX_PAGE = 100;
const SCOPE = "tax_rates.read";

function requireTaxRatesScope(ctx: ApiContext): void {
  if (ctx.scopes.length === 0 || ctx.scopes.includes(SCOPE)) return;
  throw new HubSpotApiError(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.", {
    errors: [{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes: [SCOPE] } }],
  });
}

/** `GET /tax-rates/v1/tax-rates`: the account's tax rate library, paged by `after`. */
export async function listTaxRates(ctx: ApiContext, url: URL): Promise<Response> {
  requireTaxRatesScope(ctx);
  const limit = Math.min(Number(url.searchParams.get("limit") ?? 100) || 100, MAX_PAGE);
  const afterRaw = url.searchParams.get("after");
  const after = afterRaw ? Number(afterRaw) : 0;
  if (!Number.isSafeInteger(after)) throw validation(`after must be a paging cursor returned by a previous page, got ${afterRaw}`);
  const rows = await pageOfTaxRates(ctx.account.id, after, limit + 1);
  const page = rows.slice(0, limit);
  const body: Record<string, unknown> = { results: page.map(presentTaxRate) };
  const last = page.at(-1);
  if (rows.length > limit && last) {
    const next = new URL(url);
    next.searchParams.set("after", String(last.id));
    body.paging = { next: { after: String(last.id), link: next.toString() } };
  }
  return json(body);
}

/** `GET /tax-rates/v1/tax-rates/{taxRateGroupId}`. */
export async function getTaxRate(ctx: ApiContext, rawId: string): Promise<Response> {
  requireTaxRatesScope(ctx);
  const row = await findTaxRate(sandboxDb(), ctx.account.id, Number(rawId));
  if (!row) throw notFound(`No tax rate with taxRateGroupId ${rawId}`);
  return json(presentTaxRate(row));
}
