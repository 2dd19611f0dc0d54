import { SYNC_ERRORS, SyncError } from "../errors";
import { findLink, type Side } from "../links";
import { decodeLines, INVOICE_FIELDS } from "../engine/lines";
import { other } from "../engine/merge";
import { loadObjectEnv, type ObjectEnv } from "../engine/object-env";
import { projectFor, syncOne } from "../engine/sync-one";
import type { Scalar } from "../engine/values";

/**
 * An invoice's lines go on the items (products) with their SKUs on the side written to. Before
 * lines are written, every line's product that isn't linked there yet is synced first, the way the
 * product sync would (on, in that direction, through its filters): otherwise the line would land on
 * the "Custom line item" and stay there, since lines are only rewritten when they change. A product
 * the product sync leaves out (off, filtered, no SKU) keeps the line on the "Custom line item"; one
 * whose sync didn't finish makes the invoice wait (`PRODUCT_NOT_SYNCED`, retried).
 */
export async function syncLineProducts(env: ObjectEnv, targetSide: Side, lineSets: Array<Scalar | undefined>): Promise<Map<string, Error>> {
  const skus = [...new Set(lineSets.flatMap((lines) => decodeLines(lines).map((l) => l.sku?.trim().toLowerCase())).filter((s): s is string => Boolean(s)))];
  const refused = new Map<string, Error>();
  if (skus.length === 0) return refused;
  const sourceSide = other(targetSide);
  const { db, orgId } = env.ctx;
  const products: ObjectEnv = await loadObjectEnv(db, orgId, "products", { ctx: env.ctx });
  if (!products.config.enabled) return refused;
  const found = await products.adapters[sourceSide].findByMatch(skus);
  for (const [sku, product] of found) {
    const link = await findLink(db, orgId, "products", sourceSide, product.id);
    if (link?.state === "synced" && link[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"]) continue;
    const outcome = await syncOne(products, sourceSide, product.id);
    const values = projectFor(products, product, sourceSide);
    // Named as the user wrote it: the match key is lowercased.
    const named = `The product “${products.spec.label(product, sourceSide, values)}” (SKU ${String(values.sku ?? sku)})`;
    if (outcome.status === "busy") refused.set(sku, new SyncError("PRODUCT_NOT_SYNCED", `${named} waits for the product sync's initial sync.`));
    else if (outcome.status === "failed") refused.set(sku, new SyncError("PRODUCT_NOT_SYNCED", `${named} failed to sync: ${SYNC_ERRORS[outcome.code].category}.`));
  }
  return refused;
}

/** The error of the first line whose product the write must wait for, if any. */
export function waitingLine(lines: Scalar | undefined, refused: Map<string, Error>): Error | undefined {
  for (const line of decodeLines(lines)) {
    const error = line.sku ? refused.get(line.sku.trim().toLowerCase()) : undefined;
    if (error) return error;
  }
  return undefined;
}

/** The lines a write carries, if it carries lines. */
export const linesOf = (fields: Record<string, Scalar>) => (INVOICE_FIELDS.lines in fields ? fields[INVOICE_FIELDS.lines] : undefined);
