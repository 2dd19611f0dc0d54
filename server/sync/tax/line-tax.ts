import { SyncError } from "../errors";
import type { TaxMapping } from "./types";

/**
 * Translates a line's tax between the sides. Lines are compared by their QuickBooks tax code: a
 * HubSpot line's rate becomes its mapped code (no rate: the default code); a QuickBooks code
 * becomes the first HubSpot rate mapped to it, or no rate for the default code.
 */
export class LineTax {
  constructor(readonly mapping: TaxMapping) {}

  get mode() {
    return this.mapping.mode;
  }

  /** The QuickBooks code of a HubSpot line; null when its rate isn't mapped (the write then fails with the reason). */
  codeForRate(rateId: string | null): string | null {
    if (!rateId) return this.mapping.defaultCodeId;
    return this.mapping.rates[rateId] ?? null;
  }

  /** The HubSpot rate for a QuickBooks line's code (null: no rate). */
  rateForCode(codeId: string | null): string | null {
    if (!codeId) return null;
    const rate = Object.entries(this.mapping.rates)
      .sort(([a], [b]) => a.localeCompare(b))
      .find(([, code]) => code === codeId)?.[0];
    if (rate) return rate;
    if (codeId === this.mapping.defaultCodeId) return null;
    throw new SyncError("TAX_MAPPING_INCOMPLETE", `QuickBooks tax code ${codeId} is mapped from no HubSpot tax rate, so the line's tax can't be set in HubSpot.`);
  }

  /** The code a QuickBooks line is written with; without one the company would refuse the invoice. */
  codeForWrite(codeId: string | null | undefined, description: string | null): string {
    if (codeId) return codeId;
    throw new SyncError(
      "TAX_REQUIRED",
      `The line “${description ?? "(no description)"}” gets no QuickBooks tax code: its HubSpot tax rate isn't mapped, or it has none and no default code is set.`,
    );
  }
}
