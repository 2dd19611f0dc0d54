import { SYNC_ERRORS } from "../errors";
import { SyncError } from "../errors";
import { findLink, type Side } from "../links";
import { INVOICE_FIELDS } from "../engine/lines";
import { loadObjectEnv, type ObjectEnv } from "../engine/object-env";
import { other } from "../engine/merge";
import { syncLocked } from "../engine/sync-one";
import type { Scalar, SideRecord } from "../engine/values";

/**
 * The customer (QuickBooks) or contact (HubSpot) an invoice written to `targetSide` refers to: the
 * counterpart linked by the contact sync, else the one with the email, else a new one made the way
 * the contact sync makes them (DisplayName rules included), whatever the contact sync's direction.
 */
export async function resolveCustomerRef(env: ObjectEnv, targetSide: Side, fields: Record<string, Scalar>, source: SideRecord): Promise<Record<string, Scalar>> {
  const sourceSide = other(targetSide);
  const sourceRef = source.fields[INVOICE_FIELDS.customerRef];
  if (!(INVOICE_FIELDS.customer in fields) && !(INVOICE_FIELDS.lines in fields)) return fields;
  if (!sourceRef) return { ...fields, [INVOICE_FIELDS.customerRef]: null };
  const { db, orgId } = env.ctx;
  const link = await findLink(db, orgId, "contacts", sourceSide, String(sourceRef));
  const linked = link?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"];
  if (linked && link?.state === "synced") return { ...fields, [INVOICE_FIELDS.customerRef]: linked };

  const contacts: ObjectEnv = await loadObjectEnv(db, orgId, "contacts", { ctx: env.ctx });
  const twoWay: ObjectEnv = { ...contacts, config: { ...contacts.config, enabled: true, direction: "two_way" } };
  const person = await twoWay.adapters[sourceSide].read(String(sourceRef));
  if (!person) throw new SyncError("MISSING_CUSTOMER", "The invoice's contact no longer exists.");
  const outcome = await syncLocked(twoWay, sourceSide, person, link, {});
  if (outcome.status === "excluded") throw new SyncError("MISSING_CUSTOMER", `The invoice's contact can't be synced: ${outcome.reason}.`);
  if (outcome.status === "failed") throw new SyncError("MISSING_CUSTOMER", `Its customer couldn't be created: ${SYNC_ERRORS[outcome.code].category}.`);
  const after = await findLink(db, orgId, "contacts", sourceSide, String(sourceRef));
  const id = after?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"];
  if (!id) throw new SyncError("MISSING_CUSTOMER", "The invoice's contact has no counterpart yet.");
  return { ...fields, [INVOICE_FIELDS.customerRef]: id };
}
