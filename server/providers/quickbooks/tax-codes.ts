import type { QuickBooksTaxCode } from "../../sync/tax/types";
import type { QuickBooksClient } from "./client";
import type { QboEntityBase, QboRef } from "./types";

interface QboTaxCode extends QboEntityBase {
  Name: string;
  Active?: boolean;
  SalesTaxRateList?: { TaxRateDetail?: Array<{ TaxRateRef?: QboRef }> };
}

interface QboTaxRate extends QboEntityBase {
  RateValue?: number;
}

/**
 * The company's sales tax codes with the percentage each applies (the sum of its sales rates).
 * US companies' pseudo-codes TAX / NON carry no rates and are left out.
 */
export async function quickbooksTaxCodes(client: QuickBooksClient): Promise<QuickBooksTaxCode[]> {
  const [codes, rates] = await Promise.all([client.queryAll<QboTaxCode>("TaxCode"), client.queryAll<QboTaxRate>("TaxRate")]);
  const rateValue = new Map(rates.map((r) => [r.Id, Number(r.RateValue ?? 0)]));
  return codes
    .filter((code) => (code.SalesTaxRateList?.TaxRateDetail ?? []).length > 0)
    .map((code) => ({
      id: code.Id,
      name: code.Name,
      active: code.Active !== false,
      percentage: (code.SalesTaxRateList?.TaxRateDetail ?? []).reduce((sum, d) => sum + (rateValue.get(String(d.TaxRateRef?.value)) ?? 0), 0),
    }));
}
