import type QuickBooks from "node-quickbooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, faultOf } from "../testing/clients";
import { connectQuickbooks } from "../testing/connect";
import { createCompanyViaAdmin, startSandbox, type SandboxHarness } from "../testing/harness";

/**
 * Conformance of customers, items, invoices and payments with `node-quickbooks` over loopback HTTP:
 * every result and every error body checked.
 */
type Doc = Record<string, unknown>;

describe("sandbox QBO entities through node-quickbooks", () => {
  let harness: SandboxHarness;
  let realmId: string;
  let qbo: QuickBooks;
  let accessToken: string;
  let incomeAccountId: string;

  async function ok(method: string, ...args: unknown[]): Promise<Doc> {
    const result = await call(qbo, method, ...args);
    if (result.err) throw new Error(`${method} failed: ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async function fails(method: string, ...args: unknown[]) {
    const result = await call(qbo, method, ...args);
    expect(result.status).toBe(400);
    expect(result.body.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-08:00$/);
    return faultOf(result);
  }

  const salesLine = (itemId: string, qty: number, unitPrice: number, extra: Doc = {}) => ({
    Amount: qty * unitPrice,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: unitPrice, ...extra },
  });

  async function newCustomer(name: string, email = `${name.replace(/\W/g, "").toLowerCase()}@example.test`): Promise<Doc> {
    return ok("createCustomer", { DisplayName: name, PrimaryEmailAddr: { Address: email } });
  }

  async function newItem(name: string, extra: Doc = {}): Promise<Doc> {
    return ok("createItem", { Name: name, Type: "Service", UnitPrice: 100, IncomeAccountRef: { value: incomeAccountId }, ...extra });
  }

  beforeAll(async () => {
    harness = await startSandbox();
    realmId = await createCompanyViaAdmin(harness, { demo: true });
    ({ qbo, accessToken } = await connectQuickbooks(harness, realmId));
    const accounts = (await ok("findAccounts", { AccountType: "Income" })).QueryResponse as { Account: Doc[] };
    incomeAccountId = accounts.Account.find((a) => a.Name === "Services")!.Id as string;
  });
  afterAll(() => harness.close());

  describe("customers", () => {
    it("creates, reads, sparse-updates and fully updates a customer", async () => {
      const created = await newCustomer("Zed's Zeppelins");
      expect(created).toMatchObject({
        Id: expect.stringMatching(/^\d+$/),
        SyncToken: "0",
        domain: "QBO",
        sparse: false,
        DisplayName: "Zed's Zeppelins",
        FullyQualifiedName: "Zed's Zeppelins",
        PrimaryEmailAddr: { Address: "zedszeppelins@example.test" },
        Active: true,
        Balance: 0,
        CurrencyRef: { value: "USD", name: "United States Dollar" },
        MetaData: { CreateTime: expect.stringMatching(/-08:00$/), LastUpdatedTime: expect.stringMatching(/-08:00$/) },
      });
      const read = await ok("getCustomer", created.Id);
      expect(read).toEqual(created);

      const sparse = await ok("updateCustomer", { Id: created.Id, SyncToken: created.SyncToken, CompanyName: "Zeppelins Inc" });
      expect(sparse).toMatchObject({ SyncToken: "1", CompanyName: "Zeppelins Inc", PrimaryEmailAddr: { Address: "zedszeppelins@example.test" } });

      const full = await ok("updateCustomer", { Id: created.Id, SyncToken: "1", sparse: false, DisplayName: "Zed's Zeppelins", GivenName: "Zed" });
      expect(full).toMatchObject({ SyncToken: "2", GivenName: "Zed" });
      expect(full).not.toHaveProperty("CompanyName");
      expect(full).not.toHaveProperty("PrimaryEmailAddr");
    });

    it("builds DisplayName from the name parts, and faults 6080 without any", async () => {
      const created = await ok("createCustomer", { Title: "Dr.", GivenName: "Ada", FamilyName: "Lovelace" });
      expect(created.DisplayName).toBe("Dr. Ada Lovelace");
      const fault = await fails("createCustomer", { CompanyName: "No name parts" });
      expect(fault).toMatchObject({ code: "6080", type: "ValidationFault" });
    });

    it("rejects a duplicate DisplayName with 6240, case-insensitively", async () => {
      await newCustomer("Duplicate Dan");
      const fault = await fails("createCustomer", { DisplayName: "duplicate dan" });
      expect(fault).toEqual({
        code: "6240",
        Message: "Duplicate Name Exists Error",
        Detail: "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.",
        element: "",
        type: "ValidationFault",
      });
    });

    it("rejects a stale SyncToken with 5010 and changes nothing", async () => {
      const created = await newCustomer("Stale Steve");
      await ok("updateCustomer", { Id: created.Id, SyncToken: "0", Notes: "first" });
      const fault = await fails("updateCustomer", { Id: created.Id, SyncToken: "0", Notes: "second" });
      expect(fault).toMatchObject({ code: "5010", Message: "Stale Object Error" });
      expect(fault.Detail).toContain("finished before you did, so your work was not saved");
      expect(await ok("getCustomer", created.Id)).toMatchObject({ SyncToken: "1", Notes: "first" });
    });

    it("makes a customer inactive instead of deleting it; plain queries hide it", async () => {
      const created = await newCustomer("Gone Gary");
      const inactive = await ok("updateCustomer", { Id: created.Id, SyncToken: "0", Active: false });
      expect(inactive).toMatchObject({ Active: false, DisplayName: "Gone Gary (deleted)" });
      const plain = (await ok("findCustomers", [{ field: "DisplayName", value: "Gone Gary%", operator: "LIKE" }])).QueryResponse;
      expect(plain).toEqual({});
      const withInactive = (await ok("findCustomers", [{ field: "Active", value: false }])).QueryResponse as { Customer: Doc[] };
      expect(withInactive.Customer.map((c) => c.Id)).toContain(created.Id);
      expect(await newCustomer("Gone Gary")).toMatchObject({ DisplayName: "Gone Gary" });
    });

    it("reads an unknown id as 610", async () => {
      expect(await fails("getCustomer", "999999")).toMatchObject({ code: "610", Message: "Object Not Found" });
    });
  });

  describe("items", () => {
    it("creates items with and without SKU and finds them by SKU", async () => {
      const withSku = await newItem("Rocket", { Sku: "RKT-1", Type: "NonInventory" });
      expect(withSku).toMatchObject({ Name: "Rocket", Sku: "RKT-1", Type: "NonInventory", IncomeAccountRef: { value: incomeAccountId, name: "Services" }, Active: true });
      const withoutSku = await newItem("Fuel");
      expect(withoutSku).not.toHaveProperty("Sku");
      const found = (await ok("findItems", { Sku: "RKT-1" })).QueryResponse as { Item: Doc[] };
      expect(found.Item.map((i) => i.Id)).toEqual([withSku.Id]);
    });

    it("rejects a duplicate item name with 6240 and an unknown income account with 2500", async () => {
      await newItem("Unique Widget");
      expect(await fails("createItem", { Name: "UNIQUE WIDGET", Type: "Service", IncomeAccountRef: { value: incomeAccountId } })).toMatchObject({ code: "6240" });
      expect(await fails("createItem", { Name: "Orphan", Type: "Service", IncomeAccountRef: { value: "9999" } })).toMatchObject({ code: "2500", Message: "Invalid Reference Id" });
      expect(await fails("createItem", { Name: "No account", Type: "Service" })).toMatchObject({ code: "2020" });
    });

    it("deactivates an item, after which invoices can't use it (2500)", async () => {
      const item = await newItem("Retired");
      await ok("updateItem", { Id: item.Id, SyncToken: "0", Active: false });
      const customer = await newCustomer("Retiree");
      expect(await fails("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 100)] })).toMatchObject({ code: "2500" });
    });
  });

  describe("invoices", () => {
    it("creates an invoice with computed totals, a subtotal line, a DocNumber and the customer's email", async () => {
      const customer = await newCustomer("Invoice Ida");
      const item = await newItem("Hours");
      const invoice = await ok("createInvoice", {
        CustomerRef: { value: customer.Id },
        TxnDate: "2026-01-15",
        Line: [salesLine(item.Id as string, 3, 100, { ServiceDate: "2026-01-10" }), salesLine(item.Id as string, 1, 50.5)],
        CustomField: [{ DefinitionId: "1", Type: "StringType", StringValue: "PO-77" }],
      });
      expect(invoice).toMatchObject({
        CustomerRef: { value: customer.Id, name: "Invoice Ida" },
        TxnDate: "2026-01-15",
        DueDate: "2026-02-14",
        DocNumber: expect.stringMatching(/^\d{4}$/),
        TotalAmt: 350.5,
        Balance: 350.5,
        BillEmail: { Address: "invoiceida@example.test" },
        EmailStatus: "NotSet",
        LinkedTxn: [],
        CustomField: [{ DefinitionId: "1", Name: "PO Number", Type: "StringType", StringValue: "PO-77" }],
        SyncToken: "0",
      });
      const lines = invoice.Line as Doc[];
      expect(lines.map((l) => [l.Id, l.LineNum, l.DetailType, l.Amount])).toEqual([
        ["1", 1, "SalesItemLineDetail", 300],
        ["2", 2, "SalesItemLineDetail", 50.5],
        [undefined, undefined, "SubTotalLineDetail", 350.5],
      ]);
      expect(lines[0]!.SalesItemLineDetail).toMatchObject({ ItemRef: { value: item.Id, name: "Hours" }, Qty: 3, UnitPrice: 100, TaxCodeRef: { value: "NON" } });
    });

    it("numbers invoices one after another when custom transaction numbers are off", async () => {
      const customer = await newCustomer("Sequential Sam");
      const item = await newItem("Seq");
      const a = await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10)] });
      const b = await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10)] });
      expect(Number(b.DocNumber)).toBe(Number(a.DocNumber) + 1);
    });

    it("faults 6070 when Amount is not Qty × UnitPrice, 2020 without lines, 6090 for a discount without amount", async () => {
      const customer = await newCustomer("Faulty Fay");
      const item = await newItem("Faulty");
      const mismatch = await fails("createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [{ Amount: 99, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 10 } }],
      });
      expect(mismatch).toMatchObject({ code: "6070", Message: "Amount is not equal to UnitPrice * Qty" });
      expect(await fails("createInvoice", { CustomerRef: { value: customer.Id }, Line: [] })).toMatchObject({
        code: "2020",
        Detail: "Required parameter Line is missing in the request",
      });
      expect(await fails("createInvoice", { Line: [salesLine(item.Id as string, 1, 10)] })).toMatchObject({ code: "2020" });
      expect(
        await fails("createInvoice", {
          CustomerRef: { value: customer.Id },
          Line: [salesLine(item.Id as string, 1, 10), { DetailType: "DiscountLineDetail", DiscountLineDetail: { PercentBased: false } }],
        }),
      ).toMatchObject({ code: "6090" });
      const discounted = await ok("createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [salesLine(item.Id as string, 2, 50), { DetailType: "DiscountLineDetail", DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } }],
      });
      expect(discounted.TotalAmt).toBe(90);
    });

    it("sparse update keeps omitted fields; sending Line replaces all lines; echoed subtotal lines are ignored", async () => {
      const customer = await newCustomer("Updating Una");
      const item = await newItem("Upd");
      const invoice = await ok("createInvoice", { CustomerRef: { value: customer.Id }, PrivateNote: "keep me", Line: [salesLine(item.Id as string, 1, 10)] });
      const memo = await ok("updateInvoice", { Id: invoice.Id, SyncToken: "0", CustomerMemo: { value: "Thanks" } });
      expect(memo).toMatchObject({ SyncToken: "1", PrivateNote: "keep me", CustomerMemo: { value: "Thanks" }, TotalAmt: 10 });
      const relined = await ok("updateInvoice", { Id: invoice.Id, SyncToken: "1", Line: [...(memo.Line as Doc[]), salesLine(item.Id as string, 2, 20)] });
      expect(relined.TotalAmt).toBe(50);
      expect((relined.Line as Doc[]).filter((l) => l.DetailType === "SubTotalLineDetail")).toHaveLength(1);
      const full = await ok("updateInvoice", { Id: invoice.Id, SyncToken: "2", sparse: false, CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 5)] });
      expect(full).toMatchObject({ TotalAmt: 5, SyncToken: "3" });
      expect(full).not.toHaveProperty("PrivateNote");
      expect(full).not.toHaveProperty("CustomerMemo");
    });

    it("voids an invoice: the record stays with zero amounts and a Voided note", async () => {
      const customer = await newCustomer("Void Vera");
      const item = await newItem("Voidable");
      const invoice = await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 2, 10)] });
      const voided = await call(qbo, "voidInvoice", { Id: invoice.Id, SyncToken: invoice.SyncToken });
      expect(voided.err).toBeNull();
      expect(voided.body.Invoice).toMatchObject({ Id: invoice.Id, SyncToken: "1", TotalAmt: 0, Balance: 0, PrivateNote: "Voided" });
      const line = ((voided.body.Invoice as Doc).Line as Doc[])[0]!;
      expect(line).toMatchObject({ Amount: 0, SalesItemLineDetail: { Qty: 0, UnitPrice: 0 } });
      expect(await ok("getInvoice", invoice.Id)).toMatchObject({ TotalAmt: 0, PrivateNote: "Voided" });
    });

    it("deletes an invoice for good; reading it is then 610", async () => {
      const customer = await newCustomer("Delete Dora");
      const item = await newItem("Deletable");
      const invoice = await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10)] });
      const deleted = await call(qbo, "deleteInvoice", { Id: invoice.Id, SyncToken: invoice.SyncToken });
      expect(deleted.err).toBeNull();
      expect(deleted.body).toEqual({ Invoice: { domain: "QBO", status: "Deleted", Id: invoice.Id }, time: expect.any(String) });
      expect(await fails("getInvoice", invoice.Id)).toMatchObject({ code: "610" });
      expect(await fails("deleteInvoice", { Id: invoice.Id, SyncToken: "0" })).toMatchObject({ code: "610" });
    });

    it("refuses to delete a name-list entity", async () => {
      const customer = await newCustomer("Undeletable Uma");
      const response = await fetch(`${harness.base}/v3/company/${realmId}/customer?operation=delete`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ Id: customer.Id, SyncToken: "0" }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { Fault: { type: string } }).Fault.type).toBe("ValidationFault");
      expect(await ok("getCustomer", customer.Id)).toMatchObject({ Active: true });
    });
  });

  describe("terms", () => {
    it("lists the standard terms, dates an invoice due by the terms it names (the company's default when none), and refuses unknown or duplicate terms", async () => {
      const terms = ((await ok("findTerms")).QueryResponse as { Term: Doc[] }).Term;
      expect(terms.map((t) => [t.Name, t.Type, t.DueDays, t.Active])).toEqual([
        ["Due on receipt", "STANDARD", 0, true],
        ["Net 15", "STANDARD", 15, true],
        ["Net 30", "STANDARD", 30, true],
        ["Net 60", "STANDARD", 60, true],
      ]);
      const net30 = terms.find((t) => t.Name === "Net 30")!;
      const prefs = (await ok("getPreferences")) as { SalesFormsPrefs: { DefaultTerms: { value: string } } };
      expect(prefs.SalesFormsPrefs.DefaultTerms.value).toBe(net30.Id);

      const net45 = await ok("createTerm", { Name: "Net 45", DueDays: 45 });
      expect(await ok("getTerm", net45.Id)).toMatchObject({ Name: "Net 45", Type: "STANDARD", DueDays: 45, Active: true, SyncToken: "0" });
      expect((await fails("createTerm", { Name: "net 45", DueDays: 10 })).code).toBe("6240");

      const customer = await newCustomer("Terms Tina");
      const item = await newItem("Terms hours");
      const invoice = (extra: Doc) => ok("createInvoice", { CustomerRef: { value: customer.Id }, TxnDate: "2026-01-15", Line: [salesLine(item.Id as string, 1, 10)], ...extra });
      expect(await invoice({})).toMatchObject({ SalesTermRef: { value: net30.Id }, DueDate: "2026-02-14" });
      const named = await invoice({ SalesTermRef: { value: net45.Id } });
      expect(named).toMatchObject({ SalesTermRef: { value: net45.Id }, DueDate: "2026-03-01" });
      expect((await fails("createInvoice", { CustomerRef: { value: customer.Id }, SalesTermRef: { value: "999" }, Line: [salesLine(item.Id as string, 1, 10)] })).code).toBe("2500");

      // Cleared by a sparse update: the due date stays.
      const cleared = await ok("updateInvoice", { Id: named.Id, SyncToken: named.SyncToken, sparse: true, SalesTermRef: { value: "" } });
      expect(cleared.SalesTermRef).toBeUndefined();
      expect(cleared.DueDate).toBe("2026-03-01");
    });
  });

  describe("payments", () => {
    it("applies a payment: the invoice balance drops and both sides link each other", async () => {
      const customer = await newCustomer("Paying Pam");
      const item = await newItem("Payable");
      const invoice = await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 100)] });
      const payment = await ok("createPayment", {
        CustomerRef: { value: customer.Id },
        TotalAmt: 70,
        Line: [{ Amount: 60, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
      });
      expect(payment).toMatchObject({ TotalAmt: 70, UnappliedAmt: 10, CustomerRef: { value: customer.Id, name: "Paying Pam" } });
      const paid = await ok("getInvoice", invoice.Id);
      expect(paid).toMatchObject({ Balance: 40, TotalAmt: 100, SyncToken: "1", LinkedTxn: [{ TxnId: payment.Id, TxnType: "Payment" }] });
      expect(await ok("getCustomer", customer.Id)).toMatchObject({ Balance: 40 });

      const voided = await call(qbo, "voidPayment", { Id: payment.Id, SyncToken: payment.SyncToken });
      expect(voided.err).toBeNull();
      expect(voided.body).toMatchObject({ TotalAmt: 0, PrivateNote: "Voided", SyncToken: "1" });
      expect(await ok("getInvoice", invoice.Id)).toMatchObject({ Balance: 100, LinkedTxn: [] });
    });

    it("faults 620 for another customer's invoice, 6000 without TotalAmt, and deletes a payment", async () => {
      const owner = await newCustomer("Owner Olga");
      const stranger = await newCustomer("Stranger Stan");
      const item = await newItem("Linkable");
      const invoice = await ok("createInvoice", { CustomerRef: { value: owner.Id }, Line: [salesLine(item.Id as string, 1, 100)] });
      const crossLink = await fails("createPayment", { CustomerRef: { value: stranger.Id }, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
      expect(crossLink).toMatchObject({ code: "620" });
      expect(await fails("createPayment", { CustomerRef: { value: owner.Id } })).toEqual({
        code: "6000",
        Message: "A business validation error has occurred while processing your request",
        Detail: "Business Validation Error: You must set a transaction amount.",
        element: "",
        type: "ValidationFault",
      });
      const payment = await ok("createPayment", { CustomerRef: { value: owner.Id }, TotalAmt: 100, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
      expect(await ok("getInvoice", invoice.Id)).toMatchObject({ Balance: 0 });
      const deleted = await call(qbo, "deletePayment", { Id: payment.Id, SyncToken: payment.SyncToken });
      expect(deleted.body).toMatchObject({ Payment: { status: "Deleted", Id: payment.Id } });
      expect(await ok("getInvoice", invoice.Id)).toMatchObject({ Balance: 100, LinkedTxn: [] });
    });
  });

  describe("company preferences", () => {
    async function setPreferences(patch: Doc) {
      const current = await ok("getPreferences");
      return ok("updatePreferences", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, ...patch });
    }

    it("checks DocNumbers for duplicates (6140) only when custom transaction numbers are on", async () => {
      const customer = await newCustomer("Numbered Nina");
      const item = await newItem("Numbered");
      const line = [salesLine(item.Id as string, 1, 10)];
      await ok("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "INV-1", Line: line });
      await ok("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "INV-1", Line: line });

      const prefs = await setPreferences({ SalesFormsPrefs: { CustomTxnNumbers: true } });
      expect((prefs.SalesFormsPrefs as Doc).CustomTxnNumbers).toBe(true);
      expect((prefs.SalesFormsPrefs as Doc).AllowDiscount).toBe(true);
      const fault = await fails("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "inv-1", Line: line });
      expect(fault).toMatchObject({ code: "6140", Message: "Duplicate Document Number Error" });
      expect(fault.Detail).toMatch(/DocNumber=inv-1 is assigned to TxnType=Invoice with TxnId=\d+$/);
      const unnumbered = await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: line });
      expect(unnumbered).not.toHaveProperty("DocNumber");
      const allowed = await ok("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "INV-1", Line: line, allowDuplicateDocNum: true });
      expect(allowed.DocNumber).toBe("INV-1");
      expect(await fails("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "X".repeat(22), Line: line })).toMatchObject({ code: "2050" });
      // An invoice keeps its own number through an update: only another transaction's number clashes.
      const numbered = await ok("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "INV-9", Line: line });
      const updated = await ok("updateInvoice", { Id: numbered.Id, SyncToken: numbered.SyncToken, sparse: true, PrivateNote: "renumbered? no" });
      expect(updated).toMatchObject({ DocNumber: "INV-9", PrivateNote: "renumbered? no" });
      await setPreferences({ SalesFormsPrefs: { CustomTxnNumbers: false } });
    });

    it("faults 6210 for transactions dated inside the closed period", async () => {
      const customer = await newCustomer("Closed Carl");
      const item = await newItem("Closed");
      const old = await ok("createInvoice", { CustomerRef: { value: customer.Id }, TxnDate: "2025-03-01", Line: [salesLine(item.Id as string, 1, 10)] });
      await setPreferences({ AccountingInfoPrefs: { BookCloseDate: "2025-12-31" } });
      const fault = await fails("createInvoice", { CustomerRef: { value: customer.Id }, TxnDate: "2025-12-31", Line: [salesLine(item.Id as string, 1, 10)] });
      expect(fault).toMatchObject({ code: "6210" });
      expect(await fails("updateInvoice", { Id: old.Id, SyncToken: old.SyncToken, PrivateNote: "late edit" })).toMatchObject({ code: "6210" });
      await ok("createInvoice", { CustomerRef: { value: customer.Id }, TxnDate: "2026-01-01", Line: [salesLine(item.Id as string, 1, 10)] });
      await setPreferences({ AccountingInfoPrefs: { BookCloseDate: null } });
    });

    it("requires a service date on sales lines when revenue recognition is on (6000)", async () => {
      const customer = await newCustomer("Revenue Rita");
      const item = await newItem("Recognised");
      await setPreferences({ ProductAndServicesPrefs: { RevenueRecognition: true } });
      const fault = await fails("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10)] });
      expect(fault).toMatchObject({ code: "6000", Detail: "Business Validation Error: Enter a service date for the revenue recognition line." });
      await ok("createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10, { ServiceDate: "2026-02-01" })] });
      await setPreferences({ ProductAndServicesPrefs: { RevenueRecognition: false } });
    });

    it("rejects a stale SyncToken on preferences with 5010", async () => {
      const current = await ok("getPreferences");
      await ok("updatePreferences", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, SalesFormsPrefs: { AllowServiceDate: true } });
      expect(await fails("updatePreferences", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, SalesFormsPrefs: { AllowServiceDate: false } })).toMatchObject({ code: "5010" });
    });
  });

  describe("a non-US company", () => {
    it("requires tax on invoices (6000) and accepts them with tax codes", async () => {
      const ukRealm = await createCompanyViaAdmin(harness, { name: "Tea & Co", country: "GB" });
      const uk = (await connectQuickbooks(harness, ukRealm)).qbo;
      const info = await call(uk, "getCompanyInfo", ukRealm);
      expect(info.body).toMatchObject({ Country: "GB", CompanyAddr: { Country: "GBR" } });
      const accounts = ((await call(uk, "findAccounts", { AccountType: "Income" })).body.QueryResponse as { Account: Doc[] }).Account;
      const item = (await call(uk, "createItem", { Name: "Tea", Type: "Service", IncomeAccountRef: { value: accounts[0]!.Id } })).body;
      const customer = (await call(uk, "createCustomer", { DisplayName: "Earl Grey" })).body;
      const untaxed = await call(uk, "createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10)] });
      expect(faultOf(untaxed)).toMatchObject({ code: "6000", Detail: "Business Validation Error: Make sure all your transactions have a VAT rate before you save." });
      const taxed = await call(uk, "createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [salesLine(item.Id as string, 1, 10, { TaxCodeRef: { value: "3" } })],
        TxnTaxDetail: { TotalTax: 2 },
      });
      expect(taxed.body).toMatchObject({ TotalAmt: 12, CurrencyRef: { value: "GBP" } });
    });

    it("serves the UK VAT codes and rates, computes VAT per rate and refuses an unknown code (2500)", async () => {
      const ukRealm = await createCompanyViaAdmin(harness, { name: "Scone & Co", country: "GB" });
      const uk = (await connectQuickbooks(harness, ukRealm)).qbo;
      const codes = ((await call(uk, "findTaxCodes")).body.QueryResponse as { TaxCode: Doc[] }).TaxCode;
      expect(codes.map((c) => [c.Id, c.Name])).toEqual([["3", "20.0% S"], ["4", "5.0% R"], ["5", "0.0% Z"], ["6", "Exempt"]]);
      const standard = (await call(uk, "getTaxCode", "3")).body;
      expect(standard).toMatchObject({ Id: "3", SyncToken: "0", Active: true, TaxGroup: false, SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: "1" }, TaxOrder: 0 }] } });
      const rate = (await call(uk, "getTaxRate", "1")).body;
      expect(rate).toMatchObject({ Id: "1", Name: "20.0% S (VAT on Income)", RateValue: 20, Active: true });
      const reduced = ((await call(uk, "findTaxRates", [{ field: "RateValue", value: "5", operator: "=" }])).body.QueryResponse as { TaxRate: Doc[] }).TaxRate;
      expect(reduced.map((r) => r.Name)).toEqual(["5.0% R (VAT on Income)"]);
      expect(faultOf(await call(uk, "updateTaxCode", { ...standard, Name: "Mine" }))).toMatchObject({ code: "500" });

      const accounts = ((await call(uk, "findAccounts", { AccountType: "Income" })).body.QueryResponse as { Account: Doc[] }).Account;
      const item = (await call(uk, "createItem", { Name: "Scone", Type: "Service", IncomeAccountRef: { value: accounts[0]!.Id } })).body;
      const customer = (await call(uk, "createCustomer", { DisplayName: "Clotted Cream" })).body;
      const unknown = await call(uk, "createInvoice", { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 1, 10, { TaxCodeRef: { value: "99" } })] });
      expect(faultOf(unknown)).toMatchObject({ code: "2500" });
      const lines = [
        salesLine(item.Id as string, 3, 33.33, { TaxCodeRef: { value: "3" } }),
        salesLine(item.Id as string, 1, 0.05, { TaxCodeRef: { value: "3" } }),
        salesLine(item.Id as string, 2, 12.5, { TaxCodeRef: { value: "4" } }),
        salesLine(item.Id as string, 1, 40, { TaxCodeRef: { value: "5" } }),
      ];
      const invoice = (await call(uk, "createInvoice", { CustomerRef: { value: customer.Id }, Line: lines })).body;
      // Standard: (99.99 + 0.05) × 20 % = 20.008 → 20.01; reduced: 25 × 5 % = 1.25; zero: 0.
      expect(invoice.GlobalTaxCalculation).toBe("TaxExcluded");
      expect(invoice.TxnTaxDetail).toEqual({
        TotalTax: 21.26,
        TaxLine: [
          { Amount: 20.01, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" }, PercentBased: true, TaxPercent: 20, NetAmountTaxable: 100.04 } },
          { Amount: 1.25, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "2" }, PercentBased: true, TaxPercent: 5, NetAmountTaxable: 25 } },
          { Amount: 0, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "3" }, PercentBased: true, TaxPercent: 0, NetAmountTaxable: 40 } },
        ],
      });
      expect(invoice).toMatchObject({ TotalAmt: 186.3, Balance: 186.3 });
      const read = (await call(uk, "getInvoice", invoice.Id)).body;
      expect(read.TxnTaxDetail).toEqual(invoice.TxnTaxDetail);
    });

    it("computes Canadian GST/HST, a GST/PST group and tax-inclusive amounts", async () => {
      const caRealm = await createCompanyViaAdmin(harness, { name: "Maple Syrup Inc", country: "CA" });
      const ca = (await connectQuickbooks(harness, caRealm)).qbo;
      const group = (await call(ca, "getTaxCode", "6")).body;
      expect(group).toMatchObject({ Name: "GST/PST BC", TaxGroup: true });
      expect((group.SalesTaxRateList as { TaxRateDetail: Doc[] }).TaxRateDetail.map((d) => (d.TaxRateRef as Doc).value)).toEqual(["1", "4"]);
      const accounts = ((await call(ca, "findAccounts", { AccountType: "Income" })).body.QueryResponse as { Account: Doc[] }).Account;
      const item = (await call(ca, "createItem", { Name: "Syrup", Type: "Service", IncomeAccountRef: { value: accounts[0]!.Id } })).body;
      const customer = (await call(ca, "createCustomer", { DisplayName: "Pancake House" })).body;
      const exclusive = (
        await call(ca, "createInvoice", {
          CustomerRef: { value: customer.Id },
          Line: [salesLine(item.Id as string, 2, 50, { TaxCodeRef: { value: "4" } }), salesLine(item.Id as string, 1, 100, { TaxCodeRef: { value: "6" } })],
        })
      ).body;
      // HST ON 13 % of 100; GST 5 % of 100; PST BC 7 % of 100.
      expect((exclusive.TxnTaxDetail as { TaxLine: Doc[] }).TaxLine.map((l) => [(l.TaxLineDetail as Doc).TaxRateRef, l.Amount])).toEqual([
        [{ value: "2" }, 13],
        [{ value: "1" }, 5],
        [{ value: "4" }, 7],
      ]);
      expect(exclusive).toMatchObject({ TotalAmt: 225, TxnTaxDetail: { TotalTax: 25 } });

      const inclusive = (
        await call(ca, "createInvoice", {
          CustomerRef: { value: customer.Id },
          GlobalTaxCalculation: "TaxInclusive",
          Line: [salesLine(item.Id as string, 1, 113, { TaxCodeRef: { value: "4" } })],
        })
      ).body;
      const line = (inclusive.Line as Doc[])[0]!;
      expect(line).toMatchObject({ Amount: 100, SalesItemLineDetail: { TaxInclusiveAmt: 113, UnitPrice: 100, TaxCodeRef: { value: "4" } } });
      expect(inclusive).toMatchObject({ GlobalTaxCalculation: "TaxInclusive", TotalAmt: 113, TxnTaxDetail: { TotalTax: 13 } });
      expect(faultOf(await call(ca, "createInvoice", { CustomerRef: { value: customer.Id }, GlobalTaxCalculation: "Sometimes", Line: [salesLine(item.Id as string, 1, 1, { TaxCodeRef: { value: "4" } })] }))).toMatchObject({ code: "2010" });
    });
  });
});
