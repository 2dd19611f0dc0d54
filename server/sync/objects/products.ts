import { hubspotAdapter } from "../../providers/hubspot/adapter";
import { ensureTandemProperties } from "../../providers/hubspot/tandem-properties";
import { quickbooksAdapter } from "../../providers/quickbooks/adapter";
import { incomeAccountDefaults } from "../../providers/quickbooks/items";
import type { ObjectSpec } from "./types";

export const productsSpec: ObjectSpec = {
  object: "products",
  noun: "product",
  directions: ["to_hubspot", "to_quickbooks", "two_way"],
  match: { key: "sku", label: "SKU", hubspot: "hs_sku", quickbooks: "Sku" },
  dependencies: [],
  exclusion: (record, side, sku) => {
    if (!record.active) return side === "quickbooks" ? "Inactive in QuickBooks" : "Archived in HubSpot";
    if (!sku) {
      return side === "quickbooks" ? "No SKU: only QuickBooks items with a SKU sync to HubSpot products" : "No SKU: only products with a SKU sync";
    }
    return null;
  },
  label: (record, _side, values) => String(values.name ?? record.id),
  prepare: (ctx) => ensureTandemProperties(ctx.hubspot, "products"),
  adapters: (ctx, fields) => ({
    hubspot: hubspotAdapter(ctx.hubspot, { type: "products", properties: fields.hubspot, matchProperty: "hs_sku" }),
    quickbooks: quickbooksAdapter(ctx.quickbooks, { entity: "Item", matchPath: "Sku", createDefaults: incomeAccountDefaults(ctx.quickbooks) }),
  }),
};
