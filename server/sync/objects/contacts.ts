import { hubspotAdapter } from "../../providers/hubspot/adapter";
import { ensureTandemProperties } from "../../providers/hubspot/tandem-properties";
import { quickbooksAdapter } from "../../providers/quickbooks/adapter";
import { contactSettings } from "../config";
import type { Values } from "../engine/values";
import { predictContactFailures } from "./display-names";
import type { ObjectSpec } from "./types";

const MAX_NAME_SUFFIX = 5;

/** "Acme" → "Acme (2)" → "Acme (3)": the optional way around a DisplayName clash. */
export function withSuffix(name: string, attempt: number): string {
  return attempt <= 1 ? name : `${name} (${attempt})`;
}

/**
 * The DisplayNames to try, in order, for a new customer made from a contact: the company's name
 * (the company is the customer), then, once QuickBooks refuses it as taken (the company is
 * already a customer, vendor or employee), the person's name, with " (2)"… suffixes when the
 * setting allows them. QuickBooks' own refusal decides, so no lookup precedes the create.
 */
export function displayNameCandidates(values: Values, suffixes: boolean): string[] {
  const person = [values.firstName, values.lastName].filter(Boolean).join(" ") || String(values.email ?? "") || "Unnamed contact";
  const personNames = Array.from({ length: suffixes ? MAX_NAME_SUFFIX : 1 }, (_, i) => withSuffix(person, i + 1));
  return values.companyName ? [String(values.companyName), ...personNames] : personNames;
}

export const contactsSpec: ObjectSpec = {
  object: "contacts",
  noun: "contact",
  directions: ["to_hubspot", "to_quickbooks", "two_way"],
  match: { key: "email", label: "email", hubspot: "email", quickbooks: "PrimaryEmailAddr.Address" },
  dependencies: [],
  exclusion: (record, side, email) => {
    if (!record.active) return side === "quickbooks" ? "Inactive in QuickBooks" : "Archived in HubSpot";
    if (!email) return side === "quickbooks" ? "No email address: customers are matched to contacts by email" : "No email address";
    return null;
  },
  label: (record, side, values) =>
    (side === "quickbooks" ? String(record.fields.DisplayName ?? "") : [values.firstName, values.lastName].filter(Boolean).join(" ")) ||
    String(values.email ?? record.id),
  prepare: (ctx) => ensureTandemProperties(ctx.hubspot, "contacts"),
  adapters: (ctx, fields) => ({
    hubspot: hubspotAdapter(ctx.hubspot, { type: "contacts", properties: fields.hubspot, matchProperty: "email", matchIsUnique: true }),
    quickbooks: quickbooksAdapter(ctx.quickbooks, { entity: "Customer", matchPath: "PrimaryEmailAddr.Address", namePath: "DisplayName" }),
  }),
  predictFailures: predictContactFailures,
  createOptions: (side, values, config) =>
    side === "quickbooks" ? { nameCandidates: displayNameCandidates(values, contactSettings.parse(config.settings).displayNameSuffix) } : {},
};
