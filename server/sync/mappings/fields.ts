import type { FieldKind } from "./types";

/** A field one side offers for mappings and filters, in a shape that names no provider. */
export interface CatalogueField {
  /** The HubSpot property name, or the QuickBooks field path (`BillAddr.City`, `CustomField:1`). */
  path: string;
  label: string;
  kind: FieldKind;
  /** Enumerations: the values the field accepts. */
  options?: Array<{ value: string; label: string }>;
  /** Computed by the provider: Tandem can read it but never write it on this side. */
  readOnly: boolean;
  /** Defined by the account (a HubSpot custom property, a QuickBooks custom field), not the provider. */
  custom: boolean;
}

/** Both sides' fields for one object (or one of its collections, e.g. invoice lines). */
export interface FieldCatalogue {
  hubspot: CatalogueField[];
  quickbooks: CatalogueField[];
}
