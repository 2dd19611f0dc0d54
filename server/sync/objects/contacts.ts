import { hubspotAdapter } from "../../providers/hubspot/adapter";
import { ensureTandemProperties } from "../../providers/hubspot/tandem-properties";
import { quickbooksAdapter } from "../../providers/quickbooks/adapter";
import { contactSettings } from "../config";
import type { Values } from "../engine/values";
import type { ObjectSpec } from "./types";

const MAX_NAME_SUFFIX = 5;

/**
 * The QuickBooks DisplayName for a new customer made from a contact: the company's name for the
 * first contact of a company (the company is the customer), else the person's name.
 */
export function displayNameFor(values: Values, companyAlreadyACustomer: boolean): string {
  const person = [values.firstName, values.lastName].filter(Boolean).join(" ");
  if (values.companyName && !companyAlreadyACustomer) return String(values.companyName);
  return person || String(values.email ?? "") || "Unnamed contact";
}

/** "Acme" → "Acme (2)" → "Acme (3)": the optional way around a DisplayName clash. */
export function withSuffix(name: string, attempt: number): string {
  return attempt <= 1 ? name : `${name} (${attempt})`;
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
    quickbooks: quickbooksAdapter(ctx.quickbooks, { entity: "Customer", matchPath: "PrimaryEmailAddr.Address" }),
  }),
  createOptions: async (side, values, adapter, config) => {
    if (side !== "quickbooks") return {};
    const companyTaken = values.companyName ? ((await adapter.nameTaken?.(String(values.companyName))) ?? false) : false;
    const base = displayNameFor(values, companyTaken);
    const attempts = contactSettings.parse(config.settings).displayNameSuffix ? MAX_NAME_SUFFIX : 1;
    return { nameCandidates: Array.from({ length: attempts }, (_, i) => withSuffix(base, i + 1)) };
  },
};
