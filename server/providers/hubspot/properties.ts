/** A property definition as HubSpot's properties API (`GET /crm/v3/properties/{type}`) returns it. */
export interface HubSpotProperty {
  name: string;
  label: string;
  /** string, number, date, datetime, enumeration, bool (and newer ones such as phone_number). */
  type: string;
  /** How HubSpot's UI edits it: text, textarea, number, date, select, radio, checkbox, booleancheckbox… */
  fieldType: string;
  options?: Array<{ label: string; value: string; hidden?: boolean }>;
  hidden?: boolean;
  calculated?: boolean;
  /** True for HubSpot's own properties; absent or false for the account's custom ones. */
  hubspotDefined?: boolean;
  /** Number properties HubSpot shows as an amount of money. */
  showCurrencySymbol?: boolean;
  numberDisplayHint?: string;
  modificationMetadata?: { readOnlyValue?: boolean };
}
