export type HubSpotObjectType = "contacts" | "companies" | "products" | "line_items" | "invoices" | "commerce_payments";

export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived?: boolean;
  /** Present when asked for (`?associations=`): keyed by the plural label ("contacts", "line items"). */
  associations?: Record<string, { results: Array<{ id: string; type?: string }> }>;
}

/** An association given with a create: `{to: {id}, types: [{associationCategory, associationTypeId}]}`. */
export interface HubSpotAssociationInput {
  to: { id: string };
  types: Array<{ associationCategory: "HUBSPOT_DEFINED"; associationTypeId: number }>;
}

export interface HubSpotFilter {
  propertyName: string;
  operator:
    | "EQ"
    | "NEQ"
    | "LT"
    | "LTE"
    | "GT"
    | "GTE"
    | "BETWEEN"
    | "IN"
    | "NOT_IN"
    | "HAS_PROPERTY"
    | "NOT_HAS_PROPERTY"
    | "CONTAINS_TOKEN"
    | "NOT_CONTAINS_TOKEN";
  value?: string;
  values?: string[];
  highValue?: string;
}

export interface HubSpotSearch {
  filterGroups: Array<{ filters: HubSpotFilter[] }>;
  sorts?: Array<{ propertyName: string; direction: "ASCENDING" | "DESCENDING" }>;
  properties?: string[];
  limit?: number;
  after?: string;
}

export interface HubSpotPropertyDefinition {
  name: string;
  label: string;
  type: "string" | "number" | "date" | "datetime" | "enumeration" | "bool";
  fieldType: "text" | "number" | "date" | "select" | "booleancheckbox" | "textarea";
  groupName: string;
  description?: string;
}

export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  category?: string;
  correlationId?: string;
}

/** A tax rate of the account's library (`/tax-rates/v1/tax-rates`). */
export interface HubSpotTaxRateBody {
  id: string;
  name: string;
  label: string;
  percentageRate: number;
  active: boolean;
}
