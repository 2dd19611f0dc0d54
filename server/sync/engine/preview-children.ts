import type { Database } from "../../db/client";
import { loadSyncConfig } from "../config";
import { linkedOnBothSides, linksByRecordId, type Side } from "../links";
import type { ObjectSpec } from "../objects/types";
import { onSeveralInvoices } from "../objects/payments";
import { describeError } from "../status/describe";
import { idColumn } from "./apply";
import { other } from "./merge";
import { loadObjectEnv } from "./object-env";
import { PAYMENT_FIELDS } from "./payment-fields";
import { projectFor } from "./sync-one";
import type { PreviewItem } from "./preview";

export interface PreviewSink {
  add(item: PreviewItem): void;
  /** Counts records read; false once the preview has read as many as it may. */
  read(count: number): boolean;
}

/**
 * What the first sync would do with the records hanging off the parent's (an invoice's
 * payments), from reads only: a payment on an invoice the parent's first sync leaves linked on
 * both sides (`parents`, by side, besides those linked already) is copied to the other side, or is
 * there already; one on an invoice that doesn't sync waits for it. None sync when the parent's
 * direction leaves them off (QuickBooks → HubSpot invoices).
 */
export async function previewChildren(db: Database, orgId: string, spec: ObjectSpec, parents: Record<Side, Set<string>>, sink: PreviewSink, pageSize: number): Promise<void> {
  const parent = spec.parent!;
  if ((await loadSyncConfig(db, orgId, parent)).direction === "to_hubspot") return;
  const env = await loadObjectEnv(db, orgId, spec.object);
  for (const side of ["quickbooks", "hubspot"] as const) {
    const targetSide = other(side);
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await env.adapters[side].page(cursor, pageSize);
      cursor = page.next;
      const paid = page.records.filter((record) => spec.parentIdOf?.(record));
      const parentIds = [...new Set(paid.map((record) => spec.parentIdOf!(record)!))];
      const linkedParents = await linkedOnBothSides(db, orgId, parent, side, parentIds);
      const ids = paid.map((record) => record.id);
      const links = await linksByRecordId(db, orgId, spec.object, side, ids);
      for (const record of paid) {
        const values = projectFor(env, record, side);
        const base = { side, id: record.id, label: spec.label(record, side, values), counterpartId: null, changes: [], reason: null, error: null };
        const link = links.get(record.id);
        const parentId = spec.parentIdOf!(record)!;
        if (link?.state === "synced" && link.hubspotId && link.quickbooksId) {
          sink.add({ ...base, action: "unchanged", counterpartId: link[idColumn(targetSide)] });
        } else if (!linkedParents.has(parentId) && !parents[side].has(parentId)) {
          sink.add({ ...base, action: "exclude", reason: "The invoice it pays doesn't sync in the first sync: it syncs when the invoice does" });
        } else {
          const refused = side === "hubspot" ? onSeveralInvoices(record) : null;
          sink.add(
            refused
              ? { ...base, action: "fail", reason: refused.message, error: describeError(refused.code, refused.detail ?? null) }
              : { ...base, action: "create", changes: [{ field: "amount", label: "Amount", side: targetSide, before: null, after: Number(record.fields[PAYMENT_FIELDS.amount] ?? 0) }] },
          );
        }
      }
      if (!sink.read(page.records.length)) return;
    }
  }
}
