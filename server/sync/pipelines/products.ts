import { productFromHubSpot, productProperties, PRODUCT_PROPERTIES } from "../../providers/hubspot/convert";
import type { HubSpotObject } from "../../providers/hubspot/types";
import { undefinedIfNotFound } from "../../providers/provider-error";
import { productFromItem } from "../../providers/quickbooks/convert";
import type { QboItem } from "../../providers/quickbooks/types";
import type { SyncContext } from "../context";
import { assertNotLinkedElsewhere, ensureLink, markExcluded, markSynced, recordActivity } from "../links";
import type { CanonicalProduct, SideRecord } from "../model/canonical";
import { changedFields, hashFields } from "../model/hash";
import type { BatchSummary, RecordOutcome } from "./outcome";
import { executeWrite, syncAllToHubSpot, type Plan } from "./planned-write";
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
    byId: (id) => ctx.hubspot.getObject("products", id, PROPERTIES).catch(undefinedIfNotFound),
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

/** Decides what syncing an item takes: nothing (excluded, unchanged) or one HubSpot write. */
async function planItem(ctx: SyncContext, qboItem: QboItem, lookup: ProductLookup): Promise<Plan> {
  const item = productFromItem(qboItem);
  const hash = hashFields(item.data);
  const link = await ensureLink(ctx.db, ctx.orgId, "products", "quickbooks", item.id, item.data.name);

  const exclusion = productExclusion(item);
  if (exclusion) {
    if (link.state !== "excluded" || link.excludedReason !== exclusion) {
      await markExcluded(ctx.db, link, exclusion, { side: "quickbooks", value: hash });
      await recordActivity(ctx.db, link, { target: "hubspot", action: "excluded", message: exclusion, runId: ctx.runId });
    }
    return { outcome: { status: "excluded", linkId: link.id, reason: exclusion } };
  }
  if (link.state === "synced" && link.quickbooksHash === hash) return { outcome: { status: "unchanged", linkId: link.id } };

  const existing =
    (link.hubspotId ? await lookup.byId(link.hubspotId) : undefined) ??
    (await lookup.byQuickBooksId(item.id)) ??
    (await lookup.bySku(item.data.sku!));
  if (existing) await assertNotLinkedElsewhere(ctx.db, link, "hubspot", existing.id);
  const properties = { ...productProperties(item.data), [QUICKBOOKS_ID_PROPERTY]: item.id };
  const fields = existing ? changedFields(productFromHubSpot(existing).data, item.data) : Object.keys(item.data);
  const status: RecordOutcome["status"] = !existing ? "created" : link.hubspotId ? (fields.length ? "updated" : "unchanged") : "linked";
  const finish = async (product: HubSpotObject): Promise<RecordOutcome> => {
    await markSynced(ctx.db, link, { hubspotId: product.id, quickbooksId: item.id, hubspotHash: hash, quickbooksHash: hash, label: item.data.name });
    await recordActivity(ctx.db, link, { target: "hubspot", action: status, changedFields: fields, runId: ctx.runId });
    return { status, linkId: link.id };
  };
  if (existing && fields.length === 0 && existing.properties[QUICKBOOKS_ID_PROPERTY] === item.id) {
    return { outcome: await finish(existing) };
  }
  return { write: { link, operation: existing ? "update" : "create", id: existing?.id, properties, finish } };
}

/** QuickBooks item → HubSpot product, matched by SKU (products sync one way). */
export async function syncItemToHubSpot(ctx: SyncContext, qboItem: QboItem, lookup = searchingProductLookup(ctx)): Promise<RecordOutcome> {
  try {
    const plan = await planItem(ctx, qboItem, lookup);
    return "outcome" in plan ? plan.outcome : await executeWrite(ctx, "products", plan.write);
  } catch (error) {
    const link = await ensureLink(ctx.db, ctx.orgId, "products", "quickbooks", qboItem.Id, qboItem.Name);
    return recordFailure(ctx.db, link, "hubspot", error, ctx.runId);
  }
}

/** The first sync: links every item to the product with its SKU, creating only what is missing, in batches. */
export async function initialProductSync(ctx: SyncContext): Promise<BatchSummary> {
  await ensureTandemProperties(ctx.hubspot, "products");
  const [items, products] = await Promise.all([
    ctx.quickbooks.queryAll<QboItem>("Item"),
    ctx.hubspot.listAll("products", PROPERTIES),
  ]);
  const lookup = preloadedProductLookup(products);
  return syncAllToHubSpot(ctx, {
    object: "products",
    label: (item) => item.Name,
    matchKey: (item) => productFromItem(item).data.sku,
    plan: (item) => planItem(ctx, item, lookup),
    single: (item) => syncItemToHubSpot(ctx, item),
  }, items);
}
