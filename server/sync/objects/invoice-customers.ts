import { and, eq, inArray } from "drizzle-orm";
import { recordLinks } from "../../db/schema";
import { missingParty, SYNC_ERRORS, SyncError, type SyncErrorCode } from "../errors";
import { findLink, type RecordLink, type Side } from "../links";
import { syncRecords } from "../engine/initial-sync";
import { isCatalogued } from "../status/describe";
import { INVOICE_FIELDS } from "../engine/lines";
import { loadObjectEnv, type ObjectEnv } from "../engine/object-env";
import { other } from "../engine/merge";
import { syncLocked } from "../engine/sync-one";
import type { Scalar, SideRecord } from "../engine/values";
import { exclusionOf } from "../engine/exclusion";
import { matchKeyOf } from "../engine/match";
import { projectFor } from "../engine/sync-one";
import { candidatesFor, everyNameTaken, predictDisplayNames } from "./display-names";
import type { PreviewMemory } from "./types";

/**
 * The invoice's contact (HubSpot) or customer (QuickBooks) can't be brought to the other side, for
 * a reason to fix where the invoice comes from: `MISSING_CUSTOMER` tells to fix the contact in
 * HubSpot, `MISSING_CONTACT` the customer in QuickBooks.
 */
function noCounterpart(sourceSide: Side, detail: string): SyncError {
  return new SyncError(sourceSide === "hubspot" ? "MISSING_CUSTOMER" : "MISSING_CONTACT", detail);
}

const partyOf = (side: Side) => (side === "hubspot" ? "HubSpot contact" : "QuickBooks customer");
const gone = (side: Side) => `The invoice's ${partyOf(side)} no longer exists.`;
const unsyncable = (side: Side, reason: string) => `The invoice's ${partyOf(side)} can't be synced: ${reason}.`;
const notYet = (side: Side) => `The invoice's ${partyOf(side)} has no counterpart yet.`;

/**
 * The contact's own sync failed: the invoice fails with the contact's error (its fix is the one
 * that helps, and "retry all" of that code takes the invoice along), the contact's detail kept.
 */
function counterpartFailed(sourceSide: Side, code: SyncErrorCode, detail: string | null): SyncError {
  const what = sourceSide === "hubspot" ? "Its QuickBooks customer couldn't be created" : "Its HubSpot contact couldn't be created";
  return new SyncError(code, `${what}: ${detail ?? SYNC_ERRORS[code].category}`);
}

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
  if (!person) throw noCounterpart(sourceSide, gone(sourceSide));
  const outcome = await syncLocked(twoWay, sourceSide, person, link, {});
  if (outcome.status === "excluded") throw noCounterpart(sourceSide, unsyncable(sourceSide, outcome.reason));
  const after = await findLink(db, orgId, "contacts", sourceSide, String(sourceRef));
  if (outcome.status === "failed") throw counterpartFailed(sourceSide, outcome.code, after?.errorDetail ?? null);
  const id = after?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"];
  if (!id) throw noCounterpart(sourceSide, notYet(sourceSide));
  return { ...fields, [INVOICE_FIELDS.customerRef]: id };
}

/**
 * `resolveCustomerRef` for a page of invoices: the contact links in one query, the unlinked
 * contacts read in one call and synced together the way a contact page is (batch reads and
 * creates), then the links once more. An invoice whose contact can't be synced gets its own error.
 */
export async function resolveCustomerRefs(
  env: ObjectEnv,
  targetSide: Side,
  writes: Array<{ fields: Record<string, Scalar>; source: SideRecord }>,
): Promise<Array<Record<string, Scalar> | Error>> {
  const sourceSide = other(targetSide);
  const { db, orgId } = env.ctx;
  const needs = (w: { fields: Record<string, Scalar> }) => INVOICE_FIELDS.customer in w.fields || INVOICE_FIELDS.lines in w.fields;
  const refs = [...new Set(writes.filter(needs).map((w) => w.source.fields[INVOICE_FIELDS.customerRef]).filter((r): r is string | number => r !== null && r !== undefined && r !== "").map(String))];
  const idColumn = sourceSide === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  const targetOf = (link: RecordLink | undefined) => link?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"];
  const loadLinks = async (ids: string[]) =>
    new Map(
      (ids.length ? await db.select().from(recordLinks).where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, "contacts"), inArray(idColumn, ids))) : []).map((l) => [
        String(l[sourceSide === "hubspot" ? "hubspotId" : "quickbooksId"]),
        l,
      ]),
    );
  let links = await loadLinks(refs);
  const unresolved = refs.filter((ref) => !(links.get(ref)?.state === "synced" && targetOf(links.get(ref))));
  const people = new Set<string>();
  if (unresolved.length) {
    const contacts: ObjectEnv = await loadObjectEnv(db, orgId, "contacts", { ctx: env.ctx });
    const twoWay: ObjectEnv = { ...contacts, config: { ...contacts.config, enabled: true, direction: "two_way" } };
    const found = await twoWay.adapters[sourceSide].readMany(unresolved);
    for (const person of found) people.add(person.id);
    await syncRecords(twoWay, sourceSide, found);
    links = new Map([...links, ...(await loadLinks(unresolved))]);
  }

  return writes.map((w) => {
    if (!needs(w)) return w.fields;
    const ref = w.source.fields[INVOICE_FIELDS.customerRef];
    if (ref === null || ref === undefined || ref === "") return { ...w.fields, [INVOICE_FIELDS.customerRef]: null };
    const link = links.get(String(ref));
    const id = targetOf(link);
    if (link?.state === "synced" && id) return { ...w.fields, [INVOICE_FIELDS.customerRef]: id };
    if (unresolved.includes(String(ref)) && !people.has(String(ref))) return noCounterpart(sourceSide, gone(sourceSide));
    if (link?.state === "excluded") return noCounterpart(sourceSide, unsyncable(sourceSide, link.excludedReason ?? "left out"));
    if (link?.state === "failed" && link.errorCode && isCatalogued(link.errorCode)) return counterpartFailed(sourceSide, link.errorCode, link.errorDetail);
    return noCounterpart(sourceSide, notYet(sourceSide));
  });
}

/**
 * For a preview, reading only: the error `resolveCustomerRefs` (and the adapter after it) would
 * fail each of these invoices with, by invoice id. The contact links are read in one query, the
 * contacts not synced yet in one batch, and where they would become new QuickBooks customers,
 * their emails and names in one query each.
 */
export async function predictCustomerFailures(env: ObjectEnv, targetSide: Side, invoices: SideRecord[], memory: PreviewMemory): Promise<Map<string, SyncError>> {
  const sourceSide = other(targetSide);
  const { db, orgId } = env.ctx;
  const failures = new Map<string, SyncError>();
  const refOf = (invoice: SideRecord) => {
    const ref = invoice.fields[INVOICE_FIELDS.customerRef];
    return ref === null || ref === undefined || ref === "" ? null : String(ref);
  };
  for (const invoice of invoices) if (!refOf(invoice)) failures.set(invoice.id, missingParty(targetSide));
  const refs = [...new Set(invoices.map(refOf).filter((ref): ref is string => ref !== null))];
  if (!refs.length) return failures;
  const idColumn = sourceSide === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  const links = new Map(
    (await db.select().from(recordLinks).where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, "contacts"), inArray(idColumn, refs)))).map((l) => [
      String(l[sourceSide === "hubspot" ? "hubspotId" : "quickbooksId"]),
      l,
    ]),
  );
  const unresolved = refs.filter((ref) => !(links.get(ref)?.state === "synced" && links.get(ref)?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"]));
  if (!unresolved.length) return failures;

  const contacts: ObjectEnv = await loadObjectEnv(db, orgId, "contacts", { ctx: env.ctx });
  const twoWay: ObjectEnv = { ...contacts, config: { ...contacts.config, enabled: true, direction: "two_way" } };
  const people = new Map((await twoWay.adapters[sourceSide].readMany(unresolved)).map((person) => [person.id, person]));
  const refFailures = new Map<string, SyncError>();
  const kept: Array<{ ref: string; person: SideRecord; key: string | null }> = [];
  for (const ref of unresolved) {
    const person = people.get(ref);
    if (!person) {
      refFailures.set(ref, noCounterpart(sourceSide, gone(sourceSide)));
      continue;
    }
    const link = links.get(ref);
    const key = matchKeyOf(twoWay.spec, person, sourceSide);
    const reason = exclusionOf(twoWay, person, sourceSide, Boolean(link?.hubspotId && link.quickbooksId));
    if (reason) refFailures.set(ref, noCounterpart(sourceSide, unsyncable(sourceSide, reason)));
    else kept.push({ ref, person, key });
  }
  if (targetSide === "quickbooks" && kept.length) {
    const unlinked = kept.filter((k) => !links.get(k.ref)?.quickbooksId);
    const matched = await twoWay.adapters.quickbooks.findByMatch([...new Set(unlinked.map((k) => k.key).filter((key): key is string => Boolean(key)))]);
    const requests = unlinked
      .filter((k) => !(k.key && matched.has(k.key)))
      .map((k) => ({ id: k.ref, candidates: candidatesFor(twoWay, projectFor(twoWay, k.person, sourceSide)) }));
    const names = await predictDisplayNames(twoWay.adapters.quickbooks, requests, memory.names);
    for (const request of requests) {
      if (names.get(request.id) === null) refFailures.set(request.id, counterpartFailed(sourceSide, "DUPLICATE_DISPLAY_NAME", everyNameTaken(request.candidates)));
    }
  }
  for (const invoice of invoices) {
    const failure = refFailures.get(refOf(invoice) ?? "");
    if (failure) failures.set(invoice.id, failure);
  }
  return failures;
}
