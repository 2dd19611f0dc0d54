import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { syncRecord } from "../sync-record";
import { recordLinks, syncActivity } from "../../db/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { sandboxDb } from "../../sandbox/quickbooks/store/db";
import * as quickbooksStore from "../../sandbox/quickbooks/store/service";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { SyncContext } from "../context";
import { createSyncContext } from "../org-context";
import { finalizedInvoiceFor, hubspotUiContact, invoiceLink, invoiceSides, orgSyncingInvoices, settledInvoice } from "./invoice-testing";

type Doc = Record<string, unknown> & { Id: string; SyncToken: string };
type QboInvoice = Doc & { CustomerRef: { value: string }; Balance: number; TotalAmt: number; PrivateNote?: string; CustomerMemo?: { value: string } };
type Org = Awaited<ReturnType<typeof connectNewOrg>>;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

/** A HubSpot invoice with one consulting line for a new contact (`null`: one without an email). */
async function finalizedHubSpotInvoice(org: Org, email: string | null, price = "40") {
  return finalizedInvoiceFor(org, await hubspotUiContact(org, email), consultingLine(price));
}

const consultingLine = (price: string) => [{ name: "Consulting", price, quantity: "1" }];

async function setPreferences(ctx: SyncContext, changes: Record<string, unknown>) {
  const [prefs] = await ctx.quickbooks.queryAll<Doc>("Preferences" as never);
  await ctx.quickbooks.update("Preferences" as never, { Id: prefs!.Id, SyncToken: prefs!.SyncToken, ...changes }, `prefs-${Math.random()}`);
}

async function qboInvoiceFor(ctx: SyncContext, email: string, amount: number, extra: Record<string, unknown> = {}) {
  const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
  const item = await ctx.quickbooks.create<Doc>("Item", { Name: `Service ${Math.random().toString(36).slice(2, 6)}`, Type: "Service", IncomeAccountRef: { value: income!.Id } }, `item-${Math.random()}`);
  const customer = await ctx.quickbooks.create<Doc>("Customer", { DisplayName: `Customer ${email}`, PrimaryEmailAddr: { Address: email } }, `customer-${email}`);
  return ctx.quickbooks.create<QboInvoice>(
    "Invoice",
    { CustomerRef: { value: customer.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }], ...extra },
    `invoice-${email}-${Math.random()}`,
  );
}

const pay = (ctx: SyncContext, invoice: QboInvoice, amount: number) =>
  ctx.quickbooks.create<Doc>("Payment", { CustomerRef: invoice.CustomerRef, TotalAmt: amount, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] }, `pay-${Math.random()}`);

describe("payments and statuses of a two-way invoice sync", () => {
  let org: Org;
  let ctx: SyncContext;
  beforeAll(async () => {
    ({ org, ctx } = await orgSyncingInvoices(stack));
  });

  it("records a HubSpot payment in QuickBooks, and a voided QuickBooks payment reopens the HubSpot invoice", async () => {
    const hubspotId = await finalizedHubSpotInvoice(org, "pay@example.test", "40");
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    await hubspotUi.recordPayment(Number(org.hubspotPortalId), Number(hubspotId), { amount: "15", method: "card" });
    await eventually(async () => (await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!)).Balance === 25, "the HubSpot payment in QuickBooks");

    const invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!);
    const payment = await pay(ctx, invoice, 25);
    await eventually(async () => (await ctx.hubspot.getObject("invoices", hubspotId, ["hs_invoice_status"])).properties.hs_invoice_status === "paid", "paid in HubSpot");
    await ctx.quickbooks.void("Payment", { Id: payment.Id, SyncToken: payment.SyncToken }, `void-${payment.Id}`);
    const reopened = await eventually(async () => {
      const hs = await ctx.hubspot.getObject("invoices", hubspotId, ["hs_invoice_status", "hs_balance_due"]);
      return hs.properties.hs_balance_due === "25" ? hs : undefined;
    }, "the HubSpot balance to go back up");
    expect(reopened.properties.hs_invoice_status).toBe("open");
    expect((await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!)).Balance).toBe(25);
  });

  it("applies one QuickBooks payment of two invoices to both HubSpot invoices, and its void reopens both", async () => {
    const account = Number(org.hubspotPortalId);
    const contact = await hubspotUi.createContact(account, { email: "two-invoices@example.test", firstname: "Ada", lastname: "Two", company: "" });
    const [first, second] = [await finalizedInvoiceFor(org, String(contact.id), consultingLine("40")), await finalizedInvoiceFor(org, String(contact.id), consultingLine("60"))];
    const [firstLink, secondLink] = [
      await settledInvoice(org.orgId, "hubspot", first, "synced", "the first invoice in QuickBooks"),
      await settledInvoice(org.orgId, "hubspot", second, "synced", "the second invoice in QuickBooks"),
    ];
    const firstQbo = await ctx.quickbooks.get<QboInvoice>("Invoice", firstLink.quickbooksId!);
    expect(firstQbo.CustomerRef.value).toBe((await ctx.quickbooks.get<QboInvoice>("Invoice", secondLink.quickbooksId!)).CustomerRef.value);

    const payment = await ctx.quickbooks.create<Doc>(
      "Payment",
      {
        CustomerRef: firstQbo.CustomerRef,
        TotalAmt: 65,
        Line: [
          { Amount: 40, LinkedTxn: [{ TxnId: firstLink.quickbooksId!, TxnType: "Invoice" }] },
          { Amount: 25, LinkedTxn: [{ TxnId: secondLink.quickbooksId!, TxnType: "Invoice" }] },
        ],
      },
      "pay-two-invoices",
    );
    const hubspotInvoice = (id: string) => ctx.hubspot.getObject("invoices", id, ["hs_invoice_status", "hs_balance_due"]).then((i) => i.properties);
    await eventually(async () => (await hubspotInvoice(first)).hs_invoice_status === "paid" && (await hubspotInvoice(second)).hs_balance_due === "35", "both HubSpot invoices paid down");
    expect(await hubspotInvoice(first)).toMatchObject({ hs_invoice_status: "paid", hs_balance_due: "0" });
    expect(await hubspotInvoice(second)).toMatchObject({ hs_invoice_status: "open", hs_balance_due: "35" });
    expect([(await ctx.quickbooks.get<QboInvoice>("Invoice", firstLink.quickbooksId!)).Balance, (await ctx.quickbooks.get<QboInvoice>("Invoice", secondLink.quickbooksId!)).Balance]).toEqual([0, 35]);

    await ctx.quickbooks.void("Payment", { Id: payment.Id, SyncToken: payment.SyncToken }, `void-${payment.Id}`);
    await eventually(async () => (await hubspotInvoice(first)).hs_balance_due === "40" && (await hubspotInvoice(second)).hs_balance_due === "60", "both HubSpot balances back up");
    expect(await hubspotInvoice(first)).toMatchObject({ hs_invoice_status: "open" });
    expect(await hubspotInvoice(second)).toMatchObject({ hs_invoice_status: "open" });
    expect([(await ctx.quickbooks.get<QboInvoice>("Invoice", firstLink.quickbooksId!)).Balance, (await ctx.quickbooks.get<QboInvoice>("Invoice", secondLink.quickbooksId!)).Balance]).toEqual([40, 60]);
    // Tandem records no QuickBooks payment of its own for balances that came from QuickBooks.
    const ours = (await ctx.quickbooks.queryAll<Doc>("Payment")).filter((p) =>
      [firstLink.quickbooksId, secondLink.quickbooksId].some((id) => String(p.PrivateNote ?? "").startsWith("Tandem") && String(p.PrivateNote).endsWith(` ${id}`)),
    );
    expect(ours).toHaveLength(0);
  }, 60_000);

  it("voids the QuickBooks invoice when the HubSpot invoice is voided", async () => {
    const hubspotId = await finalizedHubSpotInvoice(org, "void@example.test");
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    await hubspotUi.setInvoiceStatus(Number(org.hubspotPortalId), Number(hubspotId), "voided");
    await eventually(async () => String((await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!)).PrivateNote ?? "").startsWith("Voided"), "the void in QuickBooks");
    await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the voided invoice to stay synced");
  });

  it("fails an invoice without a contact email with MISSING_CUSTOMER and its fix, no longer saying it was left out as a draft", async () => {
    const account = Number(org.hubspotPortalId);
    const draft = await hubspotUi.createDraftInvoice(account, { title: "Work", currency: "USD" });
    const hubspotId = String(draft.id);
    await hubspotUi.addLineItem(account, Number(draft.id), { name: "Consulting", price: "40", quantity: "1" });
    await hubspotUi.associateContact(account, Number(draft.id), Number(await hubspotUiContact(org, null)));
    expect((await settledInvoice(org.orgId, "hubspot", hubspotId, "excluded", "the draft left out")).excludedReason).toMatch(/^Drafts never sync/);
    await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");
    const failed = await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the missing customer");
    expect(failed).toMatchObject({ errorCode: "MISSING_CUSTOMER", quickbooksId: null, excludedReason: null });
  });
});

describe("an invoice voided before it first syncs", () => {
  it("is left out with its reason on both sides, nothing made; one voided after it synced is voided on the other side", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const account = Number(org.hubspotPortalId);
    // Made and voided while the sync is off: switched back on, Tandem meets them already voided.
    await org.caller.sync.updateSettings({ object: "invoices", enabled: false });
    const hubspotVoided = await finalizedHubSpotInvoice(org, "voided-early@example.test", "30");
    await hubspotUi.setInvoiceStatus(account, Number(hubspotVoided), "voided");
    const hubspotKept = await finalizedHubSpotInvoice(org, "kept-hs@example.test", "35");
    const qboVoided = await qboInvoiceFor(ctx, "voided-early-qbo@example.test", 40);
    await ctx.quickbooks.void("Invoice", { Id: qboVoided.Id, SyncToken: qboVoided.SyncToken }, `void-${qboVoided.Id}`);
    const qboKept = await qboInvoiceFor(ctx, "kept-qbo@example.test", 45);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });

    const leftOutOfQuickBooks = await settledInvoice(org.orgId, "hubspot", hubspotVoided, "excluded", "the voided HubSpot invoice left out");
    expect(leftOutOfQuickBooks).toMatchObject({ quickbooksId: null, excludedReason: "Voided in HubSpot before it was synced: nothing to copy to QuickBooks" });
    const leftOutOfHubSpot = await settledInvoice(org.orgId, "quickbooks", qboVoided.Id, "excluded", "the voided QuickBooks invoice left out");
    expect(leftOutOfHubSpot).toMatchObject({ hubspotId: null, excludedReason: "Voided in QuickBooks before it was synced: nothing to copy to HubSpot" });

    // The two others synced, alike field by field; nothing else was made on either side.
    const keptOut = await settledInvoice(org.orgId, "hubspot", hubspotKept, "synced", "the HubSpot invoice in QuickBooks");
    const keptIn = await settledInvoice(org.orgId, "quickbooks", qboKept.Id, "synced", "the QuickBooks invoice in HubSpot");
    for (const link of [keptOut, keptIn]) {
      const sides = await invoiceSides(org.orgId, link);
      expect(sides.quickbooks).toEqual(sides.hubspot);
      expect(sides.hubspot).toMatchObject({ status: "open", lines: [[null, 1, expect.any(Number)]] });
    }
    expect((await ctx.quickbooks.queryAll<QboInvoice>("Invoice")).map((i) => i.Id).sort()).toEqual([keptOut.quickbooksId, qboVoided.Id, qboKept.Id].sort());
    expect((await ctx.hubspot.listAll("invoices", [])).map((i) => i.id).sort()).toEqual([hubspotVoided, hubspotKept, keptIn.hubspotId].sort());

    // Voided once synced, each is voided on the other side and stays synced.
    await hubspotUi.setInvoiceStatus(account, Number(hubspotKept), "voided");
    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", qboKept.Id);
    await ctx.quickbooks.void("Invoice", { Id: current.Id, SyncToken: current.SyncToken }, `void-${current.Id}`);
    await eventually(async () => String((await ctx.quickbooks.get<QboInvoice>("Invoice", keptOut.quickbooksId!)).PrivateNote ?? "").startsWith("Voided"), "the HubSpot void in QuickBooks");
    await eventually(async () => (await ctx.hubspot.getObject("invoices", keptIn.hubspotId!, ["hs_invoice_status"])).properties.hs_invoice_status === "voided", "the QuickBooks void in HubSpot");
    for (const [side, id] of [["hubspot", hubspotKept], ["quickbooks", qboKept.Id]] as const) {
      const link = await settledInvoice(org.orgId, side, id, "synced", "the voided invoice to stay synced");
      expect((await invoiceSides(org.orgId, link)).hubspot.status).toBe("voided");
      expect((await invoiceSides(org.orgId, link)).quickbooks.status).toBe("voided");
    }
  }, 90_000);
});

describe("a discount added in QuickBooks to a HubSpot invoice", () => {
  it("is refused as EDITED_OUTSIDE_HUBSPOT (its total changed, not its item lines), nothing copied to HubSpot, and syncs again once removed", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const hubspotId = await finalizedHubSpotInvoice(org, "discounted@example.test", "80");
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    const before = await invoiceSides(org.orgId, synced);
    expect(before.quickbooks).toEqual(before.hubspot);
    expect(before.hubspot).toMatchObject({ total: 80, lines: [[null, 1, 80]] });

    let invoice = await ctx.quickbooks.get<QboInvoice & { Line: Array<Record<string, unknown>> }>("Invoice", synced.quickbooksId!);
    const sales = invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail");
    invoice = await ctx.quickbooks.update("Invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken, Line: [...sales, { DetailType: "DiscountLineDetail", Amount: 15, DiscountLineDetail: { PercentBased: false } }] }, "discount");
    expect(invoice).toMatchObject({ TotalAmt: 65, Balance: 65 });
    const failed = await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the discount to be refused");
    expect(failed).toMatchObject({ errorCode: "EDITED_OUTSIDE_HUBSPOT", errorDetail: "Changed in QuickBooks: Total." });
    const refused = await invoiceSides(org.orgId, synced);
    expect(refused.quickbooks).toEqual({ ...before.quickbooks, total: 65 });
    expect(refused.hubspot).toEqual(before.hubspot);
    expect((await ctx.hubspot.getObject("invoices", hubspotId, ["hs_amount_billed", "hs_balance_due"])).properties).toMatchObject({ hs_amount_billed: "80", hs_balance_due: "80" });

    invoice = await ctx.quickbooks.update("Invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken, Line: sales }, "discount-removed");
    const again = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice to sync again once the discount is gone");
    expect(again).toMatchObject({ errorCode: null });
    const after = await invoiceSides(org.orgId, again);
    expect(after.quickbooks).toEqual(after.hubspot);
    expect(after.hubspot).toEqual(before.hubspot);
  }, 60_000);
});

describe("a HubSpot user setting the due date while Tandem makes the invoice in QuickBooks", () => {
  it("keeps the user's due date on both sides instead of writing QuickBooks' filled-in one over it; without the edit QuickBooks' comes back", async () => {
    const { org } = await orgSyncingInvoices(stack);
    // The due date once both sides agree field by field (the user's edit follows the create).
    const dueOf = async (hubspotId: string) => {
      const link = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
      const sides = await eventually(async () => {
        const found = await invoiceSides(org.orgId, link);
        return JSON.stringify(found.quickbooks) === JSON.stringify(found.hubspot) ? found : undefined;
      }, "both sides of the invoice to agree", 30_000);
      expect(sides.quickbooks).toEqual(sides.hubspot);
      return sides.hubspot.dueDate;
    };
    // Without an edit, the due date QuickBooks fills in from the terms is copied back to HubSpot.
    const untouched = await finalizedHubSpotInvoice(org, "due-untouched@example.test");
    expect(await dueOf(untouched)).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // A slow QuickBooks keeps the create (customer, then invoice) going while the user sets the date.
    await stack.quickbooksAdmin("POST", `companies/${org.realmId}/settings`, { faults: { latencyMs: 1500 } });
    try {
      const edited = await finalizedHubSpotInvoice(org, "due-edited@example.test");
      await eventually(() => invoiceLink(org.orgId, "hubspot", edited), "Tandem to start on the invoice");
      await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(edited), { hs_due_date: "2031-05-20" });
      expect(await dueOf(edited)).toBe("2031-05-20");
    } finally {
      await stack.quickbooksAdmin("POST", `companies/${org.realmId}/settings`, { faults: { latencyMs: 0 } });
    }
  }, 120_000);
});

describe("a HubSpot user setting the due date while the initial sync makes the invoices in QuickBooks", () => {
  it("keeps the user's due date on both sides; the page's other invoices get the due dates QuickBooks filled in", async () => {
    const org = await connectNewOrg(stack);
    // Switched on once and paused: invoices finalized meanwhile are the initial sync's to send.
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: false });
    const contactId = await hubspotUiContact(org, "initial-due@example.test");
    const untouched = await finalizedInvoiceFor(org, contactId, consultingLine("40"));
    const edited = await finalizedInvoiceFor(org, contactId, consultingLine("50"));

    // A slow QuickBooks keeps the page's creates (customer, then invoices) going while the user sets the date.
    await stack.quickbooksAdmin("POST", `companies/${org.realmId}/settings`, { faults: { latencyMs: 1500 } });
    try {
      await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
      await eventually(() => invoiceLink(org.orgId, "hubspot", edited), "the initial sync to start on the invoice");
      await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(edited), { hs_due_date: "2031-06-15" });
    } finally {
      await stack.quickbooksAdmin("POST", `companies/${org.realmId}/settings`, { faults: { latencyMs: 0 } });
    }
    const agreed = async (hubspotId: string) => {
      const link = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
      return eventually(async () => {
        const found = await invoiceSides(org.orgId, link);
        return JSON.stringify(found.quickbooks) === JSON.stringify(found.hubspot) ? found : undefined;
      }, "both sides of the invoice to agree", 30_000);
    };
    const editedSides = await agreed(edited);
    expect(editedSides.quickbooks).toEqual(editedSides.hubspot);
    expect(editedSides.hubspot.dueDate).toBe("2031-06-15");
    const untouchedSides = await agreed(untouched);
    expect(untouchedSides.quickbooks).toEqual(untouchedSides.hubspot);
    expect(untouchedSides.hubspot.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(untouchedSides.hubspot.dueDate).not.toBe("2031-06-15");
  }, 120_000);
});

describe("a QuickBooks user editing the invoice while Tandem writes it", () => {
  it("records STALE_OBJECT with its explanation, retries on its own, and keeps both changes", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const hubspotId = await finalizedHubSpotInvoice(org, "stale@example.test");
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    const qboId = synced.quickbooksId!;

    // A slow QuickBooks keeps Tandem's read-then-write window open while the user keeps saving
    // the invoice's private note in QuickBooks' own screens (which don't go through the API).
    await stack.quickbooksAdmin("POST", `companies/${org.realmId}/settings`, { faults: { latencyMs: 1500 } });
    let editing = true;
    let lastNote = "";
    const userEdits = (async () => {
      for (let n = 1; editing; n++) {
        const { doc } = await quickbooksStore.readEntity(sandboxDb(), org.realmId, "Invoice", qboId);
        lastNote = `Called the customer (${n})`;
        await quickbooksStore.updateEntity(sandboxDb(), org.realmId, "Invoice", { Id: qboId, SyncToken: doc.SyncToken, PrivateNote: lastNote }, { sparse: true });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
    try {
      await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotId), { hs_comments: "Net 15, thanks" });
      const stale = await eventually(
        () => db().query.syncActivity.findFirst({ where: and(eq(syncActivity.linkId, synced.id), eq(syncActivity.errorCode, "STALE_OBJECT")) }),
        "Tandem's write to meet the user's newer save",
        60_000,
      );
      expect(stale.action).toBe("failed");
      const shown = (await org.caller.sync.record({ id: synced.id })).activity.find((a) => a.error?.code === "STALE_OBJECT");
      expect(shown?.error).toMatchObject({ category: "Changed meanwhile", retryable: true });
      expect(shown?.error?.fix).toMatch(/re-reads the record/);
    } finally {
      editing = false;
      await userEdits;
      await stack.quickbooksAdmin("POST", `companies/${org.realmId}/settings`, { faults: { latencyMs: 0 } });
    }

    const invoice = await eventually(async () => {
      const found = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
      return found.CustomerMemo?.value === "Net 15, thanks" ? found : undefined;
    }, "the HubSpot change in QuickBooks after the retry", 60_000);
    expect(invoice.PrivateNote).toBe(lastNote);
    expect((await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the record synced again")).errorCode).toBeNull();
    expect((await ctx.hubspot.getObject("invoices", hubspotId, ["hs_comments"])).properties.hs_comments).toBe("Net 15, thanks");
  }, 150_000);
});

describe("a QuickBooks invoice edited in HubSpot", () => {
  it("stays synced (the outbound filters are for HubSpot's own invoices) and the edit reaches QuickBooks", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const invoice = await qboInvoiceFor(ctx, "from-qbo@example.test", 55);
    const synced = await settledInvoice(org.orgId, "quickbooks", invoice.Id, "synced", "the QuickBooks invoice in HubSpot");
    expect((await ctx.hubspot.getObject("invoices", synced.hubspotId!, ["hs_invoice_source"])).properties.hs_invoice_source).toBe("quickbooks");

    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(synced.hubspotId), { hs_comments: "Thanks for your business" });
    await eventually(async () => (await ctx.quickbooks.get<QboInvoice>("Invoice", invoice.Id)).CustomerMemo?.value === "Thanks for your business", "the HubSpot edit in QuickBooks");
    const after = await invoiceLink(org.orgId, "quickbooks", invoice.Id);
    expect(after).toMatchObject({ state: "synced", excludedReason: null, hubspotId: synced.hubspotId });
  }, 60_000);
});

describe("the recommended filter added after an older invoice synced", () => {
  it("keeps the invoice syncing: 'created after today' decides what comes in, not what already did", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    await stack.quickbooksAdmin("POST", "/clock", { shiftMs: -3 * 24 * 3600_000 });
    let older: QboInvoice;
    try {
      older = await qboInvoiceFor(ctx, "older@example.test", 45);
    } finally {
      await stack.quickbooksAdmin("POST", "/clock", { reset: true });
    }
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const synced = await settledInvoice(org.orgId, "quickbooks", older.Id, "synced", "the older invoice in HubSpot");
    await org.caller.filters.createdAfterToday({ object: "invoices" });
    const newer = await qboInvoiceFor(ctx, "newer-check@example.test", 12);

    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", older.Id);
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, CustomerMemo: { value: "Still ours" } }, "older-memo");
    await eventually(async () => (await ctx.hubspot.getObject("invoices", synced.hubspotId!, ["hs_comments"])).properties.hs_comments === "Still ours", "the edit of the older invoice in HubSpot");
    expect(await invoiceLink(org.orgId, "quickbooks", older.Id)).toMatchObject({ state: "synced", excludedReason: null });
    // The filter itself works: an invoice created after today comes in, so one from before wouldn't.
    expect((await settledInvoice(org.orgId, "quickbooks", newer.Id, "synced", "the newer invoice in HubSpot")).hubspotId).toBeTruthy();
  }, 60_000);
});

describe("an invoice deleted in QuickBooks", () => {
  it("leaves the HubSpot invoice as it is and says on the record that it was deleted", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const hubspotId = await finalizedHubSpotInvoice(org, "deleted@example.test", "70");
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    const before = await ctx.hubspot.getObject("invoices", hubspotId, ["hs_invoice_status", "hs_balance_due", "hs_amount_billed"]);

    const { doc } = await quickbooksStore.readEntity(sandboxDb(), org.realmId, "Invoice", synced.quickbooksId!);
    await quickbooksStore.deleteEntity(sandboxDb(), org.realmId, "Invoice", { Id: doc.Id, SyncToken: doc.SyncToken });
    const forgotten = await settledInvoice(org.orgId, "hubspot", hubspotId, "excluded", "the record to say the invoice was deleted");
    expect(forgotten).toMatchObject({ quickbooksId: null, origin: "hubspot", excludedReason: expect.stringMatching(/^Deleted in QuickBooks\. Tandem doesn't delete the invoice in HubSpot/) });
    const after = await ctx.hubspot.getObject("invoices", hubspotId, ["hs_invoice_status", "hs_balance_due", "hs_amount_billed"]);
    expect(after.properties).toEqual(before.properties);
    expect(before.properties).toMatchObject({ hs_invoice_status: "open", hs_balance_due: "70" });
    // A late notification about the unchanged HubSpot invoice doesn't create it in QuickBooks again.
    expect((await syncRecord(db(), { orgId: org.orgId, object: "invoices", side: "hubspot", recordId: hubspotId })).status).toBe("excluded");
    expect(await ctx.quickbooks.queryAll("Invoice")).toEqual([]);
    expect(await invoiceLink(org.orgId, "hubspot", hubspotId)).toMatchObject({ state: "excluded", quickbooksId: null });

    // A later change to it in HubSpot creates it in QuickBooks again, as the record says.
    await (await hubspotAsSomeoneElse(stack, org)).updateObject("invoices", hubspotId, { hs_comments: "Sent again" });
    const recreated = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the changed invoice in QuickBooks again");
    expect(recreated.quickbooksId).not.toBe(synced.quickbooksId);
    const [again, ...others] = await ctx.quickbooks.queryAll<QboInvoice>("Invoice");
    expect(others).toEqual([]);
    expect(again).toMatchObject({ Id: recreated.quickbooksId, TotalAmt: 70, Balance: 70, CustomerMemo: { value: "Sent again" } });
  }, 60_000);
});

describe("directions", () => {
  it("QuickBooks → HubSpot only: invoices arrive, payments don't, HubSpot invoices don't go out", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack, "to_hubspot");
    const invoice = await qboInvoiceFor(ctx, "inbound@example.test", 80);
    const synced = await settledInvoice(org.orgId, "quickbooks", invoice.Id, "synced", "the QuickBooks invoice in HubSpot");
    const hubspotOut = await finalizedHubSpotInvoice(org, "outbound@example.test");

    await pay(ctx, invoice, 30);
    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", invoice.Id);
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, CustomerMemo: { value: "Thanks!" } }, "memo-edit");
    // The later memo edit arrives: the payment before it would have too, had payments been on.
    const hs = await eventually(async () => {
      const found = await ctx.hubspot.getObject("invoices", synced.hubspotId!, ["hs_comments", "hs_balance_due"]);
      return found.properties.hs_comments === "Thanks!" ? found : undefined;
    }, "the memo edit in HubSpot");
    expect(hs.properties.hs_balance_due).toBe("80");
    expect(await invoiceLink(org.orgId, "hubspot", hubspotOut)).toBeUndefined();
  });

  it("HubSpot → QuickBooks only: HubSpot invoices go out, QuickBooks invoices stay", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack, "to_quickbooks");
    const stays = await qboInvoiceFor(ctx, "stays@example.test", 10);
    const hubspotId = await finalizedHubSpotInvoice(org, "goes@example.test");
    await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the HubSpot invoice in QuickBooks");
    expect(await invoiceLink(org.orgId, "quickbooks", stays.Id)).toBeUndefined();
    expect((await ctx.hubspot.listAll("invoices", ["hs_invoice_source"])).filter((i) => i.properties.hs_invoice_source === "quickbooks")).toHaveLength(0);
  });
});

describe("QuickBooks company rules", () => {
  it("explains closed books, and syncs the invoice once the books are open again", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    await setPreferences(ctx, { AccountingInfoPrefs: { BookCloseDate: tomorrow } });
    const closed = await finalizedHubSpotInvoice(org, "closed@example.test");
    const failed = await settledInvoice(org.orgId, "hubspot", closed, "failed", "the closed period");
    expect(failed.errorCode).toBe("CLOSED_PERIOD");
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(0);

    await setPreferences(ctx, { AccountingInfoPrefs: { BookCloseDate: "2000-01-01" } });
    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(closed), { hs_comments: "Books reopened" });
    // The failed record may sync on a retry of its own before the edit's run: wait for the edit.
    const synced = await settledInvoice(org.orgId, "hubspot", closed, "synced", "the invoice after the books reopened");
    await eventually(async () => (await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!)).CustomerMemo?.value === "Books reopened", "the edit made after the books reopened");
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(1);
  }, 60_000);

  it("explains revenue recognition's service dates", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    await setPreferences(ctx, { ProductAndServicesPrefs: { RevenueRecognition: true } });
    const revrec = await finalizedHubSpotInvoice(org, "revrec@example.test");
    expect((await settledInvoice(org.orgId, "hubspot", revrec, "failed", "revenue recognition")).errorCode).toBe("SERVICE_DATE_REQUIRED");
    const [record] = (await db().query.recordLinks.findMany({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, "invoices")) })).filter((l) => l.hubspotId === revrec);
    expect(record?.quickbooksId).toBeNull();
  }, 60_000);

  it("explains a duplicate invoice number under custom transaction numbers, and syncs once it is changed", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    // HubSpot numbers invoices in sequence: the number of one made before the sync tells the next.
    const before = await finalizedHubSpotInvoice(org, "before@example.test");
    const [prefix, sequence] = /^(.*?)(\d+)$/.exec((await ctx.hubspot.getObject("invoices", before, ["hs_number"])).properties.hs_number!)!.slice(1);
    const nextNumber = `${prefix}${Number(sequence) + 1}`;
    await setPreferences(ctx, { SalesFormsPrefs: { CustomTxnNumbers: true } });
    const taken = await qboInvoiceFor(ctx, "first@example.test", 5, { DocNumber: nextNumber });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_quickbooks" });

    const hubspotId = await finalizedHubSpotInvoice(org, "second@example.test");
    expect((await ctx.hubspot.getObject("invoices", hubspotId, ["hs_number"])).properties.hs_number).toBe(nextNumber);
    expect((await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the duplicate number")).errorCode).toBe("DUPLICATE_DOC_NUMBER");

    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", taken.Id);
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, DocNumber: "OLD-1" }, "renumber");
    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotId), { hs_comments: "Renumbered the old one" });
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the renumbered clash to clear");
    expect((await ctx.quickbooks.get<QboInvoice & { DocNumber?: string }>("Invoice", synced.quickbooksId!)).DocNumber).toBe(nextNumber);
  }, 60_000);

  it("explains that a non-US company requires tax", async () => {
    const org = await connectNewOrg(stack, { companyCountry: "GB" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const hubspotId = await finalizedHubSpotInvoice(org, "uk@example.test");
    expect((await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the tax requirement")).errorCode).toBe("TAX_REQUIRED");
  });
});
