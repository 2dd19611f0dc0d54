import { and, asc, eq, gt } from "drizzle-orm";
import { sandboxDb, type SandboxExecutor } from "./db";
import { taxRates } from "./schema";

type TaxRateRow = typeof taxRates.$inferSelect;

/** A tax rate as `GET /tax-rates/v1/tax-rates/{taxRateGroupId}` returns it. */
export function presentTaxRate(row: TaxRateRow) {
  return {
    id: String(row.id),
    name: row.name,
    label: row.label,
    percentageRate: Number(row.percentageRate),
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createTaxRate(accountId: number, input: { name: string; label?: string; percentageRate: number }): Promise<TaxRateRow> {
  const [row] = await sandboxDb()
    .insert(taxRates)
    .values({ accountId, name: input.name, label: input.label ?? input.name, percentageRate: String(input.percentageRate) })
    .returning();
  if (!row) throw new Error("tax rate insert returned nothing");
  return row;
}

/** One page of the account's tax rates in id order, starting after `after`. */
export async function pageOfTaxRates(accountId: number, after: number, limit: number): Promise<TaxRateRow[]> {
  return sandboxDb()
    .select()
    .from(taxRates)
    .where(and(eq(taxRates.accountId, accountId), gt(taxRates.id, after)))
    .orderBy(asc(taxRates.id))
    .limit(limit);
}

export async function findTaxRate(ex: SandboxExecutor, accountId: number, id: number): Promise<TaxRateRow | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const [row] = await ex.select().from(taxRates).where(and(eq(taxRates.accountId, accountId), eq(taxRates.id, id)));
  return row;
}
