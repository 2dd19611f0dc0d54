import { productFromHubSpot, productProperties, PRODUCT_PROPERTIES } from "../../providers/hubspot/convert";
import type { HubSpotObject } from "../../providers/hubspot/types";
import { productFromItem } from "../../providers/quickbooks/convert";
import type { QboItem } from "../../providers/quickbooks/types";
import type { SyncContext } from "../context";
import { ensureLink, markExcluded, markSynced, recordActivity } from "../links";
import type { CanonicalProduct, SideRecord } from "../model/canonical";
import { changedFields, hashFields } from "../model/hash";
import { summarize, type BatchSummary, type RecordOutcome } from "./outcome";
import { recordFailure } from "./record-failure";
import { ensureTandemProperties, QUICKBOOKS_ID_PROPERTY } from "./tandem-properties";

const PROPERTIES = [...PRODUCT_PROPERTIES, QUICKBOOKS_ID_PROPERTY];

/** How to find a HubSpot product: by search (one record) or from a list read up front (initial sync). */
export interface ProductLookup {
  byId(id: string): Promise<HubSpotObject | undefined>;
  bySku(sku: string): Promise<HubSpotObject | undefined>;
  byQuickBooksId(id: string): Promise<HubSpotObject | undefined>;
}

export function searchingProductLookup(ctx: SyncContext): ProductLookup {
  const first = async (propertyName: string, value: string) =>
    (await ctx.hubspot.search("products", { filterGroups: [{ filters: [{ propertyName, operator: "EQ", value }] }], properties: PROPERTIES, limit: 1 }))
      .results[0];
  return {
    byId: (id) => ctx.hubspot.getObject("products", id, PROPERTIES).catch(() => undefined),
    bySku: (sku) => first("hs_sku", sku),
    byQuickBooksId: (id) => first(QUICKBOOKS_ID_PROPERTY, id),
  };
}

export function preloadedProductLookup(products: HubSpotObject[]): ProductLookup {
  const byId = new Map(products.map((p) => [p.id, p]));
  const bySku = new Map<string, HubSpotObject>();
  const byQuickBooksId = new Map<string, HubSpotObject>();
  for (const product of products) {
    const sku = product.properties.hs_sku?.trim().toLowerCase();
    if (sku && !bySku.has(sku)) bySku.set(sku, product);
    const qboId = product.properties[QUICKBOOKS_ID_PROPERTY];
    if (qboId) byQuickBooksId.set(qboId, product);
  }
  return {
    byId: async (id) => byId.get(id),
    bySku: async (sku) => bySku.get(sku.toLowerCase()),
    byQuickBooksId: async (id) => byQuickBooksId.get(id),
  };
}

/** Why an item does not sync, or null when it does. Items without a SKU are left out to avoid duplicates. */
export function productExclusion(item: SideRecord<CanonicalProduct>): string | null {
  if (!item.active) return "Inactive in QuickBooks";
  if (!item.data.sku) return "No SKU: only QuickBooks items with a SKU sync to HubSpot products";
  return null;
}

/** QuickBooks item → HubSpot product, matched by SKU (products sync one way). */
export async function syncItemToHubSpot(ctx: SyncContext, qboItem: QboItem, lookup = searchingProductLookup(ctx)): Promise<RecordOutcome> {
  const item = productFromItem(qboItem);
  const hash = hashFields(item.data);
  const link = await ensureLink(ctx.db, ctx.orgId, "products", "quickbooks", item.id, item.data.name);

  const exclusion = productExclusion(item);
  if (exclusion) {
    if (link.state !== "excluded" || link.excludedReason !== exclusion) {
      await markExcluded(ctx.db, link, exclusion, { side: "quickbooks", value: hash });
      await recordActivity(ctx.db, link, { target: "hubspot", action: "excluded", message: exclusion, runId: ctx.runId });
    }
    return { status: "excluded", linkId: link.id, reason: exclusion };
  }
  if (link.state === "synced" && link.quickbooksHash === hash) return { status: "unchanged", linkId: link.id };

  try {
    const existing =
      (link.hubspotId ? await lookup.byId(link.hubspotId) : undefined) ??
      (await lookup.byQuickBooksId(item.id)) ??
      (await lookup.bySku(item.data.sku!));
    const properties = { ...productProperties(item.data), [QUICKBOOKS_ID_PROPERTY]: item.id };
    let productId: string;
    let status: RecordOutcome["status"];
    let fields: string[];
    if (!existing) {
      productId = (await ctx.hubspot.createObject("products", properties)).id;
      status = "created";
      fields = Object.keys(item.data);
    } else {
      productId = existing.id;
      const current = productFromHubSpot(existing).data;
      fields = changedFields(current, item.data);
      const stampMissing = existing.properties[QUICKBOOKS_ID_PROPERTY] !== item.id;
      if (fields.length > 0 || stampMissing) await ctx.hubspot.updateObject("products", productId, properties);
      status = link.hubspotId ? (fields.length ? "updated" : "unchanged") : "linked";
    }
    await markSynced(ctx.db, link, { hubspotId: productId, quickbooksId: item.id, hubspotHash: hash, quickbooksHash: hash, label: item.data.name });
    await recordActivity(ctx.db, link, { target: "hubspot", action: status, changedFields: fields, runId: ctx.runId });
    return { status, linkId: link.id };
  } catch (error) {
    return recordFailure(ctx.db, link, "hubspot", error, ctx.runId);
  }
}

/** The first sync: links every item to the product with its SKU, creating only what is missing. */
export async function initialProductSync(ctx: SyncContext): Promise<BatchSummary> {
  await ensureTandemProperties(ctx.hubspot, "products");
  const [items, products] = await Promise.all([
    ctx.quickbooks.queryAll<QboItem>("Item"),
    ctx.hubspot.listAll("products", PROPERTIES),
  ]);
  const lookup = preloadedProductLookup(products);
  const outcomes: RecordOutcome[] = [];
  for (const item of items) outcomes.push(await syncItemToHubSpot(ctx, item, lookup));
  return summarize(outcomes);
}
