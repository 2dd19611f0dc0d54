import { existingIdFromConflict } from "../../providers/hubspot/client";
import { CONTACT_PROPERTIES, contactFromHubSpot, contactProperties } from "../../providers/hubspot/convert";
import type { HubSpotObject } from "../../providers/hubspot/types";
import { ProviderError, undefinedIfNotFound } from "../../providers/provider-error";
import { contactFromCustomer, customerFieldsFromContact } from "../../providers/quickbooks/convert";
import type { QboCustomer } from "../../providers/quickbooks/types";
import { contactSettings, loadSyncConfig, type SyncConfig } from "../config";
import type { SyncContext } from "../context";
import { SyncError } from "../errors";
import { eq } from "drizzle-orm";
import { recordLinks, syncActivity } from "../../db/schema";
import { assertNotLinkedElsewhere, ensureLink, findLink, markExcluded, markSynced, recordActivity, type RecordLink } from "../links";
import type { CanonicalContact, SideRecord } from "../model/canonical";
import { changedFields, hashFields } from "../model/hash";
import { requestIdFor } from "../request-id";
import { displayNameFor, qboQuote, withSuffix } from "./display-name";
import type { BatchSummary, RecordOutcome } from "./outcome";
import { executeWrite, syncAllToHubSpot, type Plan } from "./planned-write";
import { recordFailure } from "./record-failure";
import { ensureTandemProperties, QUICKBOOKS_ID_PROPERTY } from "./tandem-properties";

const PROPERTIES = [...CONTACT_PROPERTIES, QUICKBOOKS_ID_PROPERTY];
const MAX_NAME_SUFFIX = 5;

export interface ContactLookup {
  byId(id: string): Promise<HubSpotObject | undefined>;
  byEmail(email: string): Promise<HubSpotObject | undefined>;
}

export function searchingContactLookup(ctx: SyncContext): ContactLookup {
  return {
    byId: (id) => ctx.hubspot.getObject("contacts", id, PROPERTIES).catch(undefinedIfNotFound),
    byEmail: async (email) =>
      (
        await ctx.hubspot.search("contacts", {
          filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: email }] }],
          properties: PROPERTIES,
          limit: 1,
        })
      ).results[0],
  };
}

export function preloadedContactLookup(contacts: HubSpotObject[]): ContactLookup {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const byEmail = new Map<string, HubSpotObject>();
  for (const contact of contacts) {
    const email = contact.properties.email?.trim().toLowerCase();
    if (email) byEmail.set(email, contact);
  }
  return { byId: async (id) => byId.get(id), byEmail: async (email) => byEmail.get(email.toLowerCase()) };
}

function customerExclusion(customer: SideRecord<CanonicalContact>): string | null {
  if (!customer.active) return "Inactive in QuickBooks";
  if (!customer.data.email) return "No email address: customers are matched to contacts by email";
  return null;
}

/** On first linking, keep what the other side has where this side has nothing. */
function fillGaps(source: CanonicalContact, target: CanonicalContact): CanonicalContact {
  return {
    email: source.email ?? target.email,
    firstName: source.firstName ?? target.firstName,
    lastName: source.lastName ?? target.lastName,
    companyName: source.companyName ?? target.companyName,
    phone: source.phone ?? target.phone,
  };
}

function writesToQuickBooks(config: SyncConfig): boolean {
  return config.direction !== "to_hubspot";
}

async function writeContactToCustomer(ctx: SyncContext, contact: SideRecord<CanonicalContact>, customerId: string): Promise<QboCustomer> {
  const current = await ctx.quickbooks.get<QboCustomer>("Customer", customerId);
  return ctx.quickbooks.update<QboCustomer>(
    "Customer",
    { Id: current.Id, SyncToken: current.SyncToken, ...customerFieldsFromContact(contact.data) },
    requestIdFor(ctx.orgId, "customer-update", customerId, hashFields(contact.data), current.SyncToken),
  );
}

/**
 * Decides what syncing a customer to HubSpot takes: nothing (excluded, unchanged), a write to
 * QuickBooks when HubSpot wins a conflict (made here), or one HubSpot write.
 */
async function planCustomer(ctx: SyncContext, qboCustomer: QboCustomer, lookup: ContactLookup, config: SyncConfig): Promise<Plan> {
  const customer = contactFromCustomer(qboCustomer);
  const customerHash = hashFields(customer.data);
  const link = await ensureLink(ctx.db, ctx.orgId, "contacts", "quickbooks", customer.id, qboCustomer.DisplayName);

  const exclusion = customerExclusion(customer);
  if (exclusion) {
    if (link.state !== "excluded" || link.excludedReason !== exclusion) {
      await markExcluded(ctx.db, link, exclusion, { side: "quickbooks", value: customerHash });
      await recordActivity(ctx.db, link, { target: "hubspot", action: "excluded", message: exclusion, runId: ctx.runId });
    }
    return { outcome: { status: "excluded", linkId: link.id, reason: exclusion } };
  }
  if (link.state === "synced" && link.quickbooksHash === customerHash) return { outcome: { status: "unchanged", linkId: link.id } };

  const found = (link.hubspotId ? await lookup.byId(link.hubspotId) : undefined) ?? (await lookup.byEmail(customer.data.email!));
  if (found) await assertNotLinkedElsewhere(ctx.db, link, "hubspot", found.id);
  const contact = found ? contactFromHubSpot(found) : undefined;
  const firstLink = !link.hubspotId;
  const bothChanged = Boolean(contact) && !firstLink && link.hubspotHash !== null && hashFields(contact!.data) !== link.hubspotHash;

  if (contact && bothChanged && config.conflictWinner === "hubspot" && writesToQuickBooks(config)) {
    const written = contactFromCustomer(await writeContactToCustomer(ctx, contact, customer.id));
    await markSynced(ctx.db, link, {
      hubspotId: contact.id,
      quickbooksId: customer.id,
      hubspotHash: hashFields(contact.data),
      quickbooksHash: hashFields(written.data),
      label: qboCustomer.DisplayName,
    });
    await recordActivity(ctx.db, link, {
      target: "quickbooks",
      action: "conflict_resolved",
      changedFields: changedFields(customer.data, written.data),
      message: "Changed on both sides since the last sync; HubSpot's data won, as configured.",
      runId: ctx.runId,
    });
    return { outcome: { status: "updated", linkId: link.id } };
  }

  const desired = contact && firstLink ? fillGaps(customer.data, contact.data) : customer.data;
  const fields = contact ? changedFields(contact.data, desired) : Object.keys(desired);
  const status: RecordOutcome["status"] = !contact ? "created" : firstLink ? "linked" : fields.length ? "updated" : "unchanged";
  const finish = async (written: HubSpotObject): Promise<RecordOutcome> => {
    await markSynced(ctx.db, link, {
      hubspotId: written.id,
      quickbooksId: customer.id,
      hubspotHash: hashFields(desired),
      quickbooksHash: customerHash,
      label: qboCustomer.DisplayName,
    });
    await recordActivity(ctx.db, link, {
      target: "hubspot",
      action: status,
      changedFields: fields,
      message: bothChanged ? "Changed on both sides since the last sync; QuickBooks' data won, as configured." : undefined,
      runId: ctx.runId,
    });
    return { status, linkId: link.id };
  };
  if (found && fields.length === 0 && found.properties[QUICKBOOKS_ID_PROPERTY] === customer.id) return { outcome: await finish(found) };
  const properties = { ...contactProperties(desired), [QUICKBOOKS_ID_PROPERTY]: customer.id };
  return { write: { link, operation: found ? "update" : "create", id: found?.id, properties, finish } };
}

/** A lookup that knows one more contact than `base`: the one a 409 told us about. */
function withKnownContact(base: ContactLookup, contact: HubSpotObject): ContactLookup {
  const email = contact.properties.email?.toLowerCase();
  return {
    byId: async (id) => (id === contact.id ? contact : base.byId(id)),
    byEmail: async (value) => (value.toLowerCase() === email ? contact : base.byEmail(value)),
  };
}

/** QuickBooks customer → HubSpot contact (matched by email), with conflicts settled by the configured winner. */
export async function syncCustomerToHubSpot(
  ctx: SyncContext,
  qboCustomer: QboCustomer,
  lookup: ContactLookup = searchingContactLookup(ctx),
  afterConflict = false,
): Promise<RecordOutcome> {
  try {
    const plan = await planCustomer(ctx, qboCustomer, lookup, await loadSyncConfig(ctx.db, ctx.orgId, "contacts"));
    if ("outcome" in plan) return plan.outcome;
    try {
      return await executeWrite(ctx, "contacts", plan.write);
    } catch (error) {
      // Created meanwhile (or not yet searchable): HubSpot names the contact that has the email.
      const existingId = error instanceof ProviderError && error.status === 409 ? existingIdFromConflict(error.message) : undefined;
      if (!existingId || afterConflict) throw error;
      const existing = await ctx.hubspot.getObject("contacts", existingId, PROPERTIES);
      return syncCustomerToHubSpot(ctx, qboCustomer, withKnownContact(lookup, existing), true);
    }
  } catch (error) {
    const link = await ensureLink(ctx.db, ctx.orgId, "contacts", "quickbooks", qboCustomer.Id, qboCustomer.DisplayName);
    return recordFailure(ctx.db, link, "hubspot", error, ctx.runId);
  }
}

async function findCustomerByEmail(ctx: SyncContext, email: string): Promise<QboCustomer | undefined> {
  const matches = await ctx.quickbooks.queryAll<QboCustomer>("Customer", `PrimaryEmailAddr = ${qboQuote(email)}`);
  return matches.find((c) => c.PrimaryEmailAddr?.Address?.trim().toLowerCase() === email);
}

/**
 * Creates the QuickBooks customer for a contact. Its DisplayName is the company for the company's
 * first contact, else the person; a clash (6240) fails the record unless the suffix option is on.
 */
async function createCustomerForContact(ctx: SyncContext, contact: SideRecord<CanonicalContact>, config: SyncConfig): Promise<QboCustomer> {
  const settings = contactSettings.parse(config.settings);
  const companyTaken = contact.data.companyName
    ? (await ctx.quickbooks.queryAll<QboCustomer>("Customer", `DisplayName = ${qboQuote(contact.data.companyName)}`)).length > 0
    : false;
  const baseName = displayNameFor(contact.data, companyTaken);
  const attempts = settings.displayNameSuffix ? MAX_NAME_SUFFIX : 1;
  for (let attempt = 1; ; attempt++) {
    const displayName = withSuffix(baseName, attempt);
    try {
      return await ctx.quickbooks.create<QboCustomer>(
        "Customer",
        { DisplayName: displayName, ...customerFieldsFromContact(contact.data) },
        requestIdFor(ctx.orgId, "customer-create", contact.id, displayName),
      );
    } catch (error) {
      const clash = error instanceof ProviderError && error.code === "6240";
      if (!clash) throw error;
      if (attempt >= attempts) {
        throw new SyncError(
          "DUPLICATE_DISPLAY_NAME",
          `“${displayName}” is already used by another customer, vendor or employee in QuickBooks.`,
        );
      }
    }
  }
}

/**
 * The customer a new contact matched may already have a link of its own (excluded, failed, or
 * planned by a running initial sync): the contact joins that link, bringing its activity along,
 * rather than a second link claiming the same customer. A customer already synced with another
 * contact is a double match.
 */
async function adoptCustomerLink(ctx: SyncContext, contactLink: RecordLink, contactId: string, customerId: string): Promise<RecordLink> {
  const customerLink = await findLink(ctx.db, ctx.orgId, "contacts", "quickbooks", customerId);
  if (!customerLink || customerLink.id === contactLink.id) return contactLink;
  if (customerLink.hubspotId && customerLink.hubspotId !== contactId) {
    throw new SyncError("DUPLICATE_MATCH", `The QuickBooks customer “${customerLink.label ?? customerId}” is already synced with another HubSpot contact.`);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(syncActivity).set({ linkId: customerLink.id }).where(eq(syncActivity.linkId, contactLink.id));
    await tx.delete(recordLinks).where(eq(recordLinks.id, contactLink.id));
  });
  return customerLink;
}

/**
 * HubSpot contact → QuickBooks customer. Only linked contacts are updated, unless contacts sync
 * both ways, in which case a contact without a customer gets one (matched by email first).
 * Returns null for a contact Tandem does not track.
 */
export async function syncContactToQuickBooks(ctx: SyncContext, hubspotContact: HubSpotObject): Promise<RecordOutcome | null> {
  const contact = contactFromHubSpot(hubspotContact);
  const contactHash = hashFields(contact.data);
  const config = await loadSyncConfig(ctx.db, ctx.orgId, "contacts");
  const existingLink = await findLink(ctx.db, ctx.orgId, "contacts", "hubspot", contact.id);
  if (!existingLink && (!writesToQuickBooks(config) || !contact.data.email || !contact.active)) return null;
  if (existingLink?.state === "synced" && existingLink.hubspotHash === contactHash) return { status: "unchanged", linkId: existingLink.id };

  let link = existingLink ?? (await ensureLink(ctx.db, ctx.orgId, "contacts", "hubspot", contact.id, contact.data.email));
  try {
    if (!link.quickbooksId) {
      const matched = await findCustomerByEmail(ctx, contact.data.email!);
      if (matched) link = await adoptCustomerLink(ctx, link, contact.id, matched.Id);
      const customer = matched ?? (await createCustomerForContact(ctx, contact, config));
      const written = matched ? await writeContactToCustomer(ctx, { ...contact, data: fillGaps(contact.data, contactFromCustomer(matched).data) }, matched.Id) : customer;
      await markSynced(ctx.db, link, {
        hubspotId: contact.id,
        quickbooksId: written.Id,
        hubspotHash: contactHash,
        quickbooksHash: hashFields(contactFromCustomer(written).data),
        label: written.DisplayName,
      });
      const status = matched ? "linked" : "created";
      await recordActivity(ctx.db, link, { target: "quickbooks", action: status, changedFields: Object.keys(contact.data), runId: ctx.runId });
      return { status, linkId: link.id };
    }

    // One-way from QuickBooks: HubSpot edits stay in HubSpot until QuickBooks next changes the customer.
    if (!writesToQuickBooks(config)) return { status: "unchanged", linkId: link.id };
    const rawCustomer = await ctx.quickbooks.get<QboCustomer>("Customer", link.quickbooksId);
    const current = contactFromCustomer(rawCustomer);
    const customerHash = hashFields(current.data);
    const quickbooksChanged = link.quickbooksHash !== null && customerHash !== link.quickbooksHash;
    if (quickbooksChanged && config.conflictWinner === "quickbooks") return syncCustomerToHubSpot(ctx, rawCustomer);
    const fields = changedFields(current.data, contact.data);
    const written = fields.length > 0 ? contactFromCustomer(await writeContactToCustomer(ctx, contact, link.quickbooksId)) : current;
    await markSynced(ctx.db, link, {
      hubspotId: contact.id,
      quickbooksId: link.quickbooksId,
      hubspotHash: contactHash,
      quickbooksHash: hashFields(written.data),
      label: link.label,
    });
    await recordActivity(ctx.db, link, {
      target: "quickbooks",
      action: quickbooksChanged ? "conflict_resolved" : fields.length ? "updated" : "unchanged",
      changedFields: fields,
      message: quickbooksChanged ? "Changed on both sides since the last sync; HubSpot's data won, as configured." : undefined,
      runId: ctx.runId,
    });
    return { status: fields.length ? "updated" : "unchanged", linkId: link.id };
  } catch (error) {
    return recordFailure(ctx.db, link, "quickbooks", error, ctx.runId);
  }
}

/** The first sync: links every customer to the contact with its email, creating only what is missing, in batches. */
export async function initialContactSync(ctx: SyncContext): Promise<BatchSummary> {
  await ensureTandemProperties(ctx.hubspot, "contacts");
  const [customers, contacts] = await Promise.all([
    ctx.quickbooks.queryAll<QboCustomer>("Customer"),
    ctx.hubspot.listAll("contacts", PROPERTIES),
  ]);
  const lookup = preloadedContactLookup(contacts);
  const config = await loadSyncConfig(ctx.db, ctx.orgId, "contacts");
  return syncAllToHubSpot(ctx, {
    object: "contacts",
    label: (customer) => customer.DisplayName,
    matchKey: (customer) => contactFromCustomer(customer).data.email,
    plan: (customer) => planCustomer(ctx, customer, lookup, config),
    single: (customer) => syncCustomerToHubSpot(ctx, customer),
  }, customers);
}
