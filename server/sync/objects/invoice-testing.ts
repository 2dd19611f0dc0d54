/**
 * Helpers for the invoice integration tests: acting as a HubSpot user in the sandbox's UI and
 * waiting for an invoice's link to settle.
 */
import { and, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, eventually, type Stack } from "../../testing/stack";
import { createSyncContext } from "../org-context";
import { SYNC_ERRORS, type SyncErrorCode } from "../errors";
import { decodeLines } from "../engine/lines";
import { loadObjectEnv } from "../engine/object-env";
import { projectFor } from "../engine/sync-one";
import type { Values } from "../engine/values";

type Side = "hubspot" | "quickbooks";
interface HubSpotAccount {
  hubspotPortalId: string | number;
}

export interface HubSpotLineInput {
  name: string;
  price: string;
  quantity: string;
  taxRateId?: string;
}

/** A new org with both accounts connected and its invoice sync switched on (two-way unless `direction` says). */
export async function orgSyncingInvoices(stack: Stack, direction: "two_way" | "to_hubspot" | "to_quickbooks" = "two_way") {
  const org = await connectNewOrg(stack);
  const ctx = await createSyncContext(db(), org.orgId);
  await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction });
  return { org, ctx };
}

export async function invoiceLink(orgId: string, side: Side, id: string) {
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  return db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, "invoices"), eq(column, id)) });
}

/** Waits for the invoice's link to end in `state`; a failure Tandem retries on its own (a busy provider) is not an end. */
export async function settledInvoice(orgId: string, side: Side, id: string, state: "synced" | "failed" | "excluded", what: string) {
  return eventually(async () => {
    const found = await invoiceLink(orgId, side, id);
    const retrying = found?.state === "failed" && SYNC_ERRORS[found.errorCode as SyncErrorCode]?.retryable;
    return found?.state === state && !retrying ? found : undefined;
  }, what);
}

/** A contact made in the sandbox HubSpot's UI; `null` makes one without an email. */
export async function hubspotUiContact(account: HubSpotAccount, email: string | null, firstname = "Kim"): Promise<string> {
  const lastname = `Lane ${Math.random().toString(36).slice(2, 6)}`;
  return String((await hubspotUi.createContact(Number(account.hubspotPortalId), { email: email ?? "", firstname, lastname, company: "" })).id);
}

/** A HubSpot invoice for the contact, made and finalized in the sandbox's UI as a HubSpot user would. */
export async function finalizedInvoiceFor(account: HubSpotAccount, contactId: string, lines: HubSpotLineInput[], currency = "USD"): Promise<string> {
  const portal = Number(account.hubspotPortalId);
  const draft = await hubspotUi.createDraftInvoice(portal, { title: "Work", currency });
  for (const line of lines) await hubspotUi.addLineItem(portal, Number(draft.id), line);
  await hubspotUi.associateContact(portal, Number(draft.id), Number(contactId));
  await hubspotUi.setInvoiceStatus(portal, Number(draft.id), "open");
  return String(draft.id);
}

/**
 * A synced invoice's mapped values on both sides, read now (each as its adapter reads it): the
 * pair a test compares field by field. Lines are compared as SKU, quantity and price.
 */
export async function invoiceSides(orgId: string, link: { hubspotId: string | null; quickbooksId: string | null }) {
  const env = await loadObjectEnv(db(), orgId, "invoices");
  const [hubspot, quickbooks] = await Promise.all([env.adapters.hubspot.read(link.hubspotId!), env.adapters.quickbooks.read(link.quickbooksId!)]);
  const comparable = (values: Values): Record<string, unknown> => ({ ...values, lines: decodeLines(values.lines).map((l) => [l.sku, l.quantity, l.unitPrice]) });
  return {
    hubspot: comparable(projectFor(env, hubspot!, "hubspot")),
    quickbooks: comparable(projectFor(env, quickbooks!, "quickbooks")),
  };
}
