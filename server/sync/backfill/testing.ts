/**
 * Seeding older invoices for the backfill's integration tests, through the providers' APIs as
 * another app or user would (HubSpot batches; QuickBooks creates with the sandbox clock set back).
 */
import type { HubSpotClient } from "../../providers/hubspot/client";
import type { HubSpotObject } from "../../providers/hubspot/types";
import type { QuickBooksClient } from "../../providers/quickbooks/client";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import type { Stack } from "../../testing/stack";
import type { SyncContext } from "../context";

const LINE_ITEM_TO_INVOICE = 410;

export interface SeedInvoice {
  title: string;
  /** Left to HubSpot's numbering when missing (drafts get none). */
  number?: string;
  /** YYYY-MM-DD */
  date: string;
  contactId: string;
  sku: string;
  quantity: number;
  price: number;
  status: "open" | "draft";
}

/**
 * Creates the invoices as a HubSpot user does (drafts in the CRM, so HubSpot counts them as its
 * own), dates and numbers them and adds a line through the API, then finalizes the open ones.
 * Returns their ids by title.
 */
export async function seedHubSpotInvoices(accountId: number, client: HubSpotClient, invoices: SeedInvoice[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < invoices.length; i += SEED_BATCH) await seedBatch(accountId, client, invoices.slice(i, i + SEED_BATCH), ids);
  return ids;
}

/** Small batches: the sandbox answers each within the client's timeout on a busy machine. */
const SEED_BATCH = 25;

async function seedBatch(accountId: number, client: HubSpotClient, invoices: SeedInvoice[], ids: Map<string, string>) {
  for (const invoice of invoices) {
    const draft = await hubspotUi.createDraftInvoice(accountId, { title: invoice.title, currency: "USD" });
    await hubspotUi.associateContact(accountId, Number(draft.id), Number(invoice.contactId));
    ids.set(invoice.title, String(draft.id));
  }
  await expectAll(
    client.batchWrite(
      "invoices",
      "update",
      invoices.map((invoice) => ({
        traceId: invoice.title,
        id: ids.get(invoice.title)!,
        properties: { hs_invoice_date: `${invoice.date}T12:00:00.000Z`, ...(invoice.number ? { hs_number: invoice.number } : {}) },
      })),
    ),
  );
  await client.batchCreateWithAssociations(
    "line_items",
    invoices.map((invoice) => ({
      properties: { name: "Widget", hs_sku: invoice.sku, quantity: String(invoice.quantity), price: String(invoice.price) },
      associations: [{ to: { id: ids.get(invoice.title)! }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: LINE_ITEM_TO_INVOICE }] }],
    })),
  );
  const open = invoices.filter((i) => i.status === "open");
  if (open.length) await expectAll(client.batchWrite("invoices", "update", open.map((i) => ({ traceId: i.title, id: ids.get(i.title)!, properties: { hs_invoice_status: "open" } }))));
}

async function expectAll(answers: Promise<Map<string, HubSpotObject | Error>>) {
  for (const [title, answer] of await answers) if (answer instanceof Error) throw new Error(`${title}: ${answer.message}`);
}

/** Runs `work` with the sandbox QuickBooks clock `days` back, so what it creates is that old. */
export async function inQuickBooksPast<T>(stack: Stack, days: number, work: () => Promise<T>): Promise<T> {
  await stack.quickbooksAdmin("POST", "/clock", { shiftMs: -days * 86_400_000 });
  try {
    return await work();
  } finally {
    await stack.quickbooksAdmin("POST", "/clock", { reset: true });
  }
}

export async function createQuickBooksInvoice(
  client: QuickBooksClient,
  invoice: { number: string; date: string; customerId: string; itemId: string; quantity: number; price: number; note?: string },
): Promise<{ Id: string }> {
  return client.create<{ Id: string; SyncToken: string }>(
    "Invoice",
    {
      DocNumber: invoice.number,
      TxnDate: invoice.date,
      CustomerRef: { value: invoice.customerId },
      ...(invoice.note ? { PrivateNote: invoice.note } : {}),
      Line: [{ DetailType: "SalesItemLineDetail", Amount: invoice.quantity * invoice.price, Description: "Widget", SalesItemLineDetail: { ItemRef: { value: invoice.itemId }, Qty: invoice.quantity, UnitPrice: invoice.price } }],
    },
    `seed-invoice-${invoice.number}-${Math.random()}`,
  );
}

/** The QuickBooks item every seeded line sells (SKU W-1, as the HubSpot seeds' lines). */
export async function widget(ctx: SyncContext): Promise<string> {
  const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
  const item = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Item", { Name: "Widget", Sku: "W-1", Type: "Service", UnitPrice: 20, IncomeAccountRef: { value: income!.Id } }, `widget-${Math.random()}`);
  return item.Id;
}

/** HubSpot contacts made by another app, their ids by email. */
export async function hubspotContacts(client: HubSpotClient, emails: string[]): Promise<Map<string, string>> {
  const created = await client.batchCreateWithAssociations(
    "contacts",
    emails.map((email) => ({ properties: { email, firstname: email.split("@")[0]!, lastname: "Older" }, associations: [] })),
  );
  return new Map(created.map((c) => [c.properties.email!, c.id]));
}

export async function quickbooksCustomer(ctx: SyncContext, email: string): Promise<string> {
  const name = email.split("@")[0]!;
  const customer = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>(
    "Customer",
    { DisplayName: `${name} Older`, GivenName: name, FamilyName: "Older", PrimaryEmailAddr: { Address: email } },
    `customer-${email}-${Math.random()}`,
  );
  return customer.Id;
}
