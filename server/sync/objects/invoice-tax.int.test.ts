import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FieldError } from "../../auth/field-error";
import { db } from "../../db/client";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { SyncContext } from "../context";
import { createSyncContext } from "../org-context";
import { finalizedInvoiceFor, hubspotUiContact, settledInvoice, type HubSpotLineInput } from "./invoice-testing";

/**
 * Invoices to and from non-US QuickBooks companies through both sandboxes over HTTP: HubSpot
 * line-item tax rates mapped to the company's tax codes, QuickBooks' computed tax checked against
 * HubSpot's, and QuickBooks tax coming back as HubSpot line-item tax.
 */
type Doc = Record<string, unknown>;
type QboLine = { Amount: number; DetailType: string; Description?: string; SalesItemLineDetail?: { Qty: number; UnitPrice: number; TaxCodeRef?: { value: string } } };
type TaxLine = { Amount: number; TaxLineDetail: { TaxRateRef: { value: string }; TaxPercent: number; NetAmountTaxable: number } };
type QboInvoice = Doc & {
  Id: string;
  SyncToken: string;
  Line: QboLine[];
  TotalAmt: number;
  Balance: number;
  GlobalTaxCalculation?: string;
  TxnTaxDetail: { TotalTax: number; TaxLine: TaxLine[] };
};
type Org = Awaited<ReturnType<typeof connectNewOrg>>;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

async function addTaxRate(org: Org, name: string, percentageRate: number): Promise<string> {
  return (await stack.hubspotAdmin<{ id: string }>("POST", `/accounts/${org.hubspotPortalId}/tax-rates`, { name, percentageRate })).id;
}

/** A HubSpot invoice in `currency` for a new contact. */
async function finalizedHubSpotInvoice(org: Org, email: string, currency: string, lines: HubSpotLineInput[]): Promise<string> {
  return finalizedInvoiceFor(org, await hubspotUiContact(org, email, "Tax"), lines, currency);
}

const LINE_PROPERTIES = ["name", "price", "quantity", "amount", "hs_tax_rate_group_id", "hs_tax_rate", "hs_tax_amount", "hs_post_tax_amount"];

async function hubspotSide(ctx: SyncContext, invoiceId: string) {
  const invoice = await ctx.hubspot.getObject("invoices", invoiceId, ["hs_amount_billed", "hs_balance_due", "hs_currency"], ["line_items"]);
  const lineIds = (invoice.associations?.["line items"]?.results ?? []).map((r) => String(r.id));
  const lines = (await ctx.hubspot.batchRead("line_items", lineIds, LINE_PROPERTIES)).sort((a, b) => Number(a.id) - Number(b.id));
  return { invoice: invoice.properties, lines: lines.map((l) => l.properties) };
}

/** The HubSpot invoice once synced to QuickBooks: its link and both sides read back. */
async function syncedSides(org: Org, ctx: SyncContext, hubspotId: string) {
  const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the taxed invoice in QuickBooks");
  return { synced, qbo: await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!), hubspot: await hubspotSide(ctx, hubspotId) };
}

const salesLines = (invoice: QboInvoice) => invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail");
const cents = (value: string | null | undefined) => Math.round(Number(value ?? 0) * 100);

/**
 * Both sides field by field: each line's description, quantity, price, amount and tax code (the
 * HubSpot rate through the mapping, the default for none); per QuickBooks rate, its tax against
 * the HubSpot lines' tax at that code; the totals.
 */
function expectSameInvoice(hubspot: Awaited<ReturnType<typeof hubspotSide>>, qbo: QboInvoice, codeOf: (rateId: string | null) => string) {
  const lines = salesLines(qbo);
  expect(lines).toHaveLength(hubspot.lines.length);
  hubspot.lines.forEach((hs, index) => {
    const line = lines[index]!;
    expect(line.Description).toBe(hs.name);
    expect(line.SalesItemLineDetail!.Qty).toBe(Number(hs.quantity));
    expect(line.SalesItemLineDetail!.UnitPrice).toBe(Number(hs.price));
    expect(cents(String(line.Amount))).toBe(cents(hs.amount));
    expect(line.SalesItemLineDetail!.TaxCodeRef?.value).toBe(codeOf(hs.hs_tax_rate_group_id || null));
  });
  const hubspotTaxCents = hubspot.lines.reduce((sum, l) => sum + cents(l.hs_tax_amount), 0);
  expect(Math.round(qbo.TxnTaxDetail.TotalTax * 100)).toBe(hubspotTaxCents);
  expect(Math.round(qbo.TotalAmt * 100)).toBe(cents(hubspot.invoice.hs_amount_billed));
  expect(Math.round(qbo.Balance * 100)).toBe(cents(hubspot.invoice.hs_balance_due));
}

/**
 * Line by line: HubSpot's price before tax is QuickBooks' net unit price and amount, its amount
 * after tax QuickBooks' tax-inclusive amount (within a cent: QuickBooks takes the tax back out of
 * it); the tax and the totals agree within a cent.
 */
function expectSameInclusiveInvoice(hubspot: Awaited<ReturnType<typeof hubspotSide>>, qbo: QboInvoice, codeOf: (rateId: string | null) => string) {
  expect(qbo.GlobalTaxCalculation).toBe("TaxInclusive");
  const lines = salesLines(qbo) as Array<QboLine & { SalesItemLineDetail: { TaxInclusiveAmt?: number } }>;
  expect(lines).toHaveLength(hubspot.lines.length);
  hubspot.lines.forEach((hs, index) => {
    const line = lines[index]!;
    expect(line.Description).toBe(hs.name);
    expect(line.SalesItemLineDetail.Qty).toBe(Number(hs.quantity));
    withinACent(line.SalesItemLineDetail.UnitPrice, Number(hs.price));
    expect(cents(String(line.Amount))).toBe(cents(hs.amount));
    expect(line.SalesItemLineDetail.TaxCodeRef?.value).toBe(codeOf(hs.hs_tax_rate_group_id || null));
    withinACent(line.SalesItemLineDetail.TaxInclusiveAmt!, Number(hs.hs_post_tax_amount ?? hs.amount));
  });
  withinACent(qbo.TxnTaxDetail.TotalTax, hubspot.lines.reduce((sum, l) => sum + Number(l.hs_tax_amount ?? 0), 0));
  withinACent(qbo.TotalAmt, Number(hubspot.invoice.hs_amount_billed));
  withinACent(qbo.Balance, Number(hubspot.invoice.hs_balance_due));
}

const withinACent = (a: number, b: number) => expect(Math.abs(Math.round(a * 100) - Math.round(b * 100))).toBeLessThanOrEqual(1);

/** The field a refused call names, as the error formatter sends it to the form (a server-side caller keeps the cause). */
async function fieldErrorsOf(call: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await call;
  } catch (error) {
    const cause = error instanceof TRPCError ? error.cause : undefined;
    if (cause instanceof FieldError) return { [cause.field]: [cause.message] };
    throw error;
  }
  throw new Error("the call succeeded");
}

describe("a UK company", () => {
  let org: Org;
  let ctx: SyncContext;
  let standard: string;
  let reduced: string;

  beforeAll(async () => {
    org = await connectNewOrg(stack, { companyCountry: "GB" });
    ctx = await createSyncContext(db(), org.orgId);
    standard = await addTaxRate(org, "VAT standard", 20);
    reduced = await addTaxRate(org, "VAT reduced", 5);
  });

  it("blocks outbound invoices until the tax mapping is complete, validates it, and then passes", async () => {
    const before = await org.caller.sync.taxMapping();
    expect(before).toMatchObject({ country: "GB", required: true, mapping: { mode: "exclusive", defaultCodeId: null, rates: {} } });
    expect(before.hubspotRates.map((r) => [r.id, r.name, r.percentage])).toEqual([
      [standard, "VAT standard", 20],
      [reduced, "VAT reduced", 5],
    ]);
    expect(before.quickbooksCodes.map((c) => [c.id, c.name, c.percentage])).toEqual([
      ["3", "20.0% S", 20],
      ["4", "5.0% R", 5],
      ["5", "0.0% Z", 0],
      ["6", "Exempt", 0],
    ]);
    expect(before.gaps).toHaveLength(3);
    const blocked = (await org.caller.sync.preflight()).checks.find((c) => c.id === "company_country")!;
    expect(blocked).toMatchObject({ status: "block", errorCode: "TAX_REQUIRED", blocks: "outbound_invoices" });
    expect(blocked.reason).toContain("“VAT standard” (20 %) is not mapped");

    expect(await fieldErrorsOf(org.caller.sync.saveTaxMapping({ mode: "exclusive", defaultCodeId: "99", rates: [] }))).toEqual({ defaultCodeId: [expect.stringContaining("99")] });
    expect(
      await fieldErrorsOf(org.caller.sync.saveTaxMapping({ mode: "exclusive", defaultCodeId: "5", rates: [{ hubspotTaxRateId: standard, quickbooksTaxCodeId: "TAX" }] })),
    ).toEqual({ [`rates.${standard}`]: [expect.stringContaining("TAX")] });
    expect(await fieldErrorsOf(org.caller.sync.saveTaxMapping({ mode: "exclusive", defaultCodeId: "5", rates: [{ hubspotTaxRateId: "1", quickbooksTaxCodeId: "3" }] }))).toEqual({
      "rates.1": [expect.stringContaining("not a tax rate of the HubSpot account")],
    });
    expect((await org.caller.sync.taxMapping()).mapping).toEqual({ mode: "exclusive", defaultCodeId: null, rates: {} });

    const saved = await org.caller.sync.saveTaxMapping({
      mode: "exclusive",
      defaultCodeId: "5",
      rates: [
        { hubspotTaxRateId: standard, quickbooksTaxCodeId: "3" },
        { hubspotTaxRateId: reduced, quickbooksTaxCodeId: "4" },
      ],
    });
    expect(saved).toMatchObject({ gaps: [], mapping: { mode: "exclusive", defaultCodeId: "5", rates: { [standard]: "3", [reduced]: "4" } } });
    const after = await org.caller.sync.preflight();
    expect(after.checks.find((c) => c.id === "company_country")).toMatchObject({ status: "pass", errorCode: null });
    expect(after.outboundInvoicesBlocked).toBe(false);
  });

  it("receives a taxed HubSpot invoice with the mapped codes (the default for an unrated line) and the same totals", async () => {
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const hubspotId = await finalizedHubSpotInvoice(org, "vat@example.test", "GBP", [
      { name: "Consulting", price: "100", quantity: "1", taxRateId: standard },
      { name: "Books", price: "12.5", quantity: "2", taxRateId: reduced },
      { name: "Children's clothes", price: "40", quantity: "1" },
    ]);
    const { qbo, hubspot } = await syncedSides(org, ctx, hubspotId);
    expect(hubspot.lines.map((l) => [l.hs_tax_rate, l.hs_tax_amount])).toEqual([["20", "20"], ["5", "1.25"], [null, null]]);
    expect(qbo.GlobalTaxCalculation).toBe("TaxExcluded");
    expect(qbo.TxnTaxDetail.TaxLine.map((l) => [l.TaxLineDetail.TaxRateRef.value, l.TaxLineDetail.TaxPercent, l.TaxLineDetail.NetAmountTaxable, l.Amount])).toEqual([
      ["1", 20, 100, 20],
      ["2", 5, 25, 1.25],
      ["3", 0, 40, 0],
    ]);
    expect(qbo.TotalAmt).toBe(186.25);
    expectSameInvoice(hubspot, qbo, (rate) => (rate === standard ? "3" : rate === reduced ? "4" : "5"));
  });

  it("brings a QuickBooks invoice's tax back as HubSpot line-item tax", async () => {
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const item = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Item", { Name: "Tea", Type: "Service", IncomeAccountRef: { value: income!.Id } }, "tea-item");
    const customer = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Customer", { DisplayName: "Earl Grey", PrimaryEmailAddr: { Address: "earl@example.test" } }, "earl");
    const line = (description: string, qty: number, price: number, code: string) => ({
      DetailType: "SalesItemLineDetail",
      Description: description,
      Amount: qty * price,
      SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: price, TaxCodeRef: { value: code } },
    });
    const created = await ctx.quickbooks.create<QboInvoice>(
      "Invoice",
      { CustomerRef: { value: customer.Id }, Line: [line("Tea", 3, 10, "3"), line("Scones", 4, 2.5, "4"), line("Water", 1, 5, "5")] },
      "uk-inbound",
    );
    expect(created.TxnTaxDetail.TotalTax).toBe(6.5);
    const synced = await settledInvoice(org.orgId, "quickbooks", created.Id, "synced", "the QuickBooks invoice in HubSpot");
    const hubspot = await hubspotSide(ctx, synced.hubspotId!);
    expect(hubspot.lines.map((l) => [l.name, l.hs_tax_rate_group_id, l.hs_tax_rate, l.hs_tax_amount])).toEqual([
      ["Tea", standard, "20", "6"],
      ["Scones", reduced, "5", "0.5"],
      ["Water", null, null, null],
    ]);
    expectSameInvoice(hubspot, await ctx.quickbooks.get<QboInvoice>("Invoice", created.Id), (rate) => (rate === standard ? "3" : rate === reduced ? "4" : "5"));
  });

  it("records TAX_TOTAL_MISMATCH when QuickBooks computes another total than HubSpot", async () => {
    const mismatched = await connectNewOrg(stack, { companyCountry: "GB" });
    const mismatchedCtx = await createSyncContext(db(), mismatched.orgId);
    const vat = await addTaxRate(mismatched, "VAT 20", 20);
    // Mapped to the 5 % code by mistake.
    await mismatched.caller.sync.saveTaxMapping({ mode: "exclusive", defaultCodeId: "5", rates: [{ hubspotTaxRateId: vat, quickbooksTaxCodeId: "4" }] });
    await mismatched.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const good = await finalizedHubSpotInvoice(mismatched, "zero@example.test", "GBP", [{ name: "Zero-rated", price: "30", quantity: "1" }]);
    const bad = await finalizedHubSpotInvoice(mismatched, "wrong@example.test", "GBP", [{ name: "Standard", price: "100", quantity: "1", taxRateId: vat }]);

    const fine = await settledInvoice(mismatched.orgId, "hubspot", good, "synced", "the untaxed invoice");
    expectSameInvoice(await hubspotSide(mismatchedCtx, good), await mismatchedCtx.quickbooks.get<QboInvoice>("Invoice", fine.quickbooksId!), () => "5");

    const failed = await settledInvoice(mismatched.orgId, "hubspot", bad, "failed", "the mismatched totals");
    expect(failed.errorCode).toBe("TAX_TOTAL_MISMATCH");
    expect(failed.errorDetail).toContain("QuickBooks computed a total of 105.00 (tax 5.00); HubSpot's total is 120.00");
    const written = await mismatchedCtx.quickbooks.get<QboInvoice>("Invoice", failed.quickbooksId!);
    expect(written).toMatchObject({ TotalAmt: 105, Balance: 105 });
    expect((await hubspotSide(mismatchedCtx, bad)).invoice.hs_amount_billed).toBe("120");
  });
});

/**
 * A Canadian company whose GST and HST map to its codes 3 and 4 (8, exempt, for a line without a
 * rate), in `mode`, receiving a HubSpot invoice with a GST line, an HST line and an untaxed one.
 */
async function canadianInvoice(mode: "exclusive" | "inclusive") {
  const org = await connectNewOrg(stack, { companyCountry: "CA" });
  const ctx = await createSyncContext(db(), org.orgId);
  const gst = await addTaxRate(org, "GST", 5);
  const hst = await addTaxRate(org, "HST Ontario", 13);
  const codes = (await org.caller.sync.taxMapping()).quickbooksCodes;
  expect(codes.find((c) => c.name === "GST/PST BC")).toMatchObject({ percentage: 12 });
  await org.caller.sync.saveTaxMapping({
    mode,
    defaultCodeId: "8",
    rates: [
      { hubspotTaxRateId: gst, quickbooksTaxCodeId: "3" },
      { hubspotTaxRateId: hst, quickbooksTaxCodeId: "4" },
    ],
  });
  await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
  const hubspotId = await finalizedHubSpotInvoice(org, `maple-${mode}@example.test`, "CAD", [
    { name: "Syrup", price: "19.99", quantity: "3", taxRateId: gst },
    { name: "Installation", price: "200", quantity: "1", taxRateId: hst },
    { name: "Basic groceries", price: "10", quantity: "1" },
  ]);
  const { qbo, hubspot } = await syncedSides(org, ctx, hubspotId);
  expect(hubspot.invoice.hs_amount_billed).toBe("298.97");
  expect(qbo).toMatchObject({ CurrencyRef: { value: "CAD" } });
  return { qbo, hubspot, codeOf: (rate: string | null) => (rate === gst ? "3" : rate === hst ? "4" : "8") };
}

describe("a Canadian company", () => {
  it("receives a taxed HubSpot invoice with GST, HST and the default exempt code, and the same totals", async () => {
    const { qbo, hubspot, codeOf } = await canadianInvoice("exclusive");
    expect(qbo.TxnTaxDetail.TaxLine.map((l) => [l.TaxLineDetail.TaxRateRef.value, l.TaxLineDetail.NetAmountTaxable, l.Amount])).toEqual([
      ["1", 59.97, 3],
      ["2", 200, 26],
      ["6", 10, 0],
    ]);
    expect(qbo).toMatchObject({ TotalAmt: 298.97 });
    expectSameInvoice(hubspot, qbo, codeOf);
  });

  it("in tax-inclusive mode receives the invoice as tax-inclusive lines whose totals match HubSpot's within a cent", async () => {
    const { qbo, hubspot, codeOf } = await canadianInvoice("inclusive");
    expectSameInclusiveInvoice(hubspot, qbo, codeOf);
  });
});

describe("a UK company in tax-inclusive mode", () => {
  let org: Org;
  let ctx: SyncContext;
  let standard: string;
  let reduced: string;
  const codeOf = (rate: string | null) => (rate === standard ? "3" : rate === reduced ? "4" : "5");

  beforeAll(async () => {
    org = await connectNewOrg(stack, { companyCountry: "GB" });
    ctx = await createSyncContext(db(), org.orgId);
    standard = await addTaxRate(org, "VAT standard", 20);
    reduced = await addTaxRate(org, "VAT reduced", 5);
    await org.caller.sync.saveTaxMapping({
      mode: "inclusive",
      defaultCodeId: "5",
      rates: [
        { hubspotTaxRateId: standard, quickbooksTaxCodeId: "3" },
        { hubspotTaxRateId: reduced, quickbooksTaxCodeId: "4" },
      ],
    });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });
  });

  it("receives a taxed HubSpot invoice as tax-inclusive lines whose totals match HubSpot's within a cent, and it stays synced", async () => {
    const hubspotId = await finalizedHubSpotInvoice(org, "inclusive@example.test", "GBP", [
      { name: "Consulting", price: "100", quantity: "1", taxRateId: standard },
      { name: "Syrup", price: "19.99", quantity: "3", taxRateId: standard },
      { name: "Books", price: "12.49", quantity: "2", taxRateId: reduced },
      { name: "Children's clothes", price: "40", quantity: "1" },
    ]);
    const { synced, qbo, hubspot } = await syncedSides(org, ctx, hubspotId);
    expect(hubspot.lines.map((l) => [l.hs_tax_rate, l.hs_tax_amount])).toEqual([["20", "20"], ["20", "11.99"], ["5", "1.25"], [null, null]]);
    expect(hubspot.invoice.hs_amount_billed).toBe("258.19");
    expectSameInclusiveInvoice(hubspot, qbo, codeOf);

    // Tandem's later reads of the invoice it wrote find nothing changed outside HubSpot: a HubSpot edit goes through.
    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotId), { hs_comments: "VAT included" });
    const edited = await eventually(async () => {
      const found = await ctx.quickbooks.get<QboInvoice & { CustomerMemo?: { value: string } }>("Invoice", synced.quickbooksId!);
      return found.CustomerMemo?.value === "VAT included" ? found : undefined;
    }, "the HubSpot edit in QuickBooks");
    expect(await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice still synced")).toMatchObject({ errorCode: null });
    expectSameInclusiveInvoice(await hubspotSide(ctx, hubspotId), edited, codeOf);
  });

  it("brings a tax-inclusive QuickBooks invoice back as HubSpot line-item tax with the same totals within a cent", async () => {
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const item = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Item", { Name: "Cake", Type: "Service", IncomeAccountRef: { value: income!.Id } }, "cake-item");
    const customer = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Customer", { DisplayName: "Battenberg", PrimaryEmailAddr: { Address: "cake@example.test" } }, "cake");
    // Amounts as a QuickBooks user enters them in tax-inclusive mode: with their tax.
    const line = (description: string, qty: number, gross: number, code: string) => ({
      DetailType: "SalesItemLineDetail",
      Description: description,
      Amount: gross,
      SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, TaxInclusiveAmt: gross, TaxCodeRef: { value: code } },
    });
    const created = await ctx.quickbooks.create<QboInvoice>(
      "Invoice",
      { CustomerRef: { value: customer.Id }, GlobalTaxCalculation: "TaxInclusive", Line: [line("Cake", 2, 36, "3"), line("Tea", 4, 10.5, "4"), line("Water", 1, 5, "5")] },
      "uk-inclusive-inbound",
    );
    expect(created).toMatchObject({ TotalAmt: 51.5, TxnTaxDetail: { TotalTax: 6.5 } });
    const synced = await settledInvoice(org.orgId, "quickbooks", created.Id, "synced", "the QuickBooks invoice in HubSpot");
    const hubspot = await hubspotSide(ctx, synced.hubspotId!);
    expect(hubspot.lines.map((l) => [l.name, l.price, l.hs_tax_rate_group_id, l.hs_tax_amount, l.hs_post_tax_amount])).toEqual([
      ["Cake", "15", standard, "6", "36"],
      ["Tea", "2.5", reduced, "0.5", "10.5"],
      ["Water", "5", null, null, null],
    ]);
    expectSameInclusiveInvoice(hubspot, await ctx.quickbooks.get<QboInvoice>("Invoice", created.Id), codeOf);
  });
});
