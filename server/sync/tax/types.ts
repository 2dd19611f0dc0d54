/** A rate of the HubSpot account's tax rate library. */
export interface HubSpotTaxRate {
  id: string;
  name: string;
  label: string;
  percentage: number;
  active: boolean;
}

/** A tax code of the QuickBooks company, with the sum of the sales rates it applies. */
export interface QuickBooksTaxCode {
  id: string;
  name: string;
  percentage: number;
  active: boolean;
}

export const TAX_MODES = ["exclusive", "inclusive"] as const;
export type TaxMode = (typeof TAX_MODES)[number];

/** The org's tax mapping: HubSpot rate id → QuickBooks code id, and the code for lines without a rate. */
export interface TaxMapping {
  mode: TaxMode;
  defaultCodeId: string | null;
  rates: Record<string, string>;
}
