/**
 * The engine's own shapes. Providers convert their JSON to these at the edge
 * (each provider's `convert.ts`); the engine never sees HubSpot or QuickBooks shapes.
 */

export interface CanonicalContact {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  phone: string | null;
}

export interface CanonicalProduct {
  name: string;
  sku: string | null;
  price: number | null;
  description: string | null;
}

/** One side's view of a record: its id, the data, and whether it still exists/is usable there. */
export interface SideRecord<T> {
  id: string;
  data: T;
  active: boolean;
  /** Provider version marker (QuickBooks SyncToken), needed to update it. */
  version?: string;
  updatedAt?: string;
}

export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function cleanEmail(value: string | null | undefined): string | null {
  return cleanText(value)?.toLowerCase() ?? null;
}

export function cleanAmount(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? Math.round(number * 100) / 100 : null;
}
