import type QuickBooks from "node-quickbooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetClock } from "../domain/clock";
import { rateLimiter } from "../domain/rate-limit";
import { call, faultOf } from "../testing/clients";
import { connectQuickbooks } from "../testing/connect";
import { admin, createCompanyViaAdmin, startSandbox, type SandboxHarness } from "../testing/harness";

/** Query, batch, Change Data Capture, requestid, throttles and injected faults, through node-quickbooks and plain HTTP. */
type Doc = Record<string, unknown>;

describe("sandbox QBO query, batch, CDC and limits", () => {
  let harness: SandboxHarness;
  let realmId: string;
  let qbo: QuickBooks;
  let accessToken: string;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${harness.base}/v3/company/${realmId}/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json", "content-type": "application/json", ...init.headers },
    });

  beforeAll(async () => {
    harness = await startSandbox();
    realmId = await createCompanyViaAdmin(harness, { demo: true });
    ({ qbo, accessToken } = await connectQuickbooks(harness, realmId));
  });
  afterAll(() => harness.close());
  afterEach(async () => {
    resetClock();
    rateLimiter().reset();
    await admin(harness, `companies/${realmId}/settings`, { faults: {}, timeScale: null });
  });

  describe("query", () => {
    it("answers node-quickbooks' lowercase queries with paging fields", async () => {
      const result = await call(qbo, "findInvoices", [{ field: "TotalAmt", value: "100", operator: ">" }, { field: "asc", value: "TotalAmt" }]);
      expect(result.err).toBeNull();
      const response = result.body.QueryResponse as { Invoice: Doc[]; startPosition: number; maxResults: number };
      expect(response.Invoice.map((i) => i.TotalAmt)).toEqual([300, 850]);
      expect(response).toMatchObject({ startPosition: 1, maxResults: 2 });
    });

    it("counts with count(*) and pages with STARTPOSITION/MAXRESULTS", async () => {
      const count = await api(`query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer")}`);
      expect(((await count.json()) as Doc).QueryResponse).toEqual({ totalCount: 3 });
      const page = await api(`query?query=${encodeURIComponent("select * from customer orderby DisplayName desc startposition 2 maxresults 1")}`);
      const body = (await page.json()) as { QueryResponse: { Customer: Doc[]; startPosition: number; maxResults: number } };
      expect(body.QueryResponse.Customer.map((c) => c.DisplayName)).toEqual(["Bill's Windsurf Shop"]);
      expect(body.QueryResponse).toMatchObject({ startPosition: 2, maxResults: 1 });
    });

    it("filters on MetaData.LastUpdatedTime, IN and LIKE, and answers an empty QueryResponse when nothing matches", async () => {
      const since = encodeURIComponent("select * from Item where MetaData.LastUpdatedTime > '2020-01-01T00:00:00-08:00' and Name IN ('Widget', 'Consulting') and Sku LIKE 'WID%'");
      const body = (await (await api(`query?query=${since}`)).json()) as { QueryResponse: { Item: Doc[] } };
      expect(body.QueryResponse.Item.map((i) => i.Name)).toEqual(["Widget"]);
      const none = (await (await api(`query?query=${encodeURIComponent("select * from Item where Name = 'Nope'")}`)).json()) as Doc;
      expect(none.QueryResponse).toEqual({});
    });

    it("faults 4000 on a parse error and 4001 on an invalid query", async () => {
      const parse = (await (await api(`query?query=${encodeURIComponent("selec * from Invoice")}`)).json()) as { Fault: { Error: Doc[]; type: string } };
      expect(parse.Fault.type).toBe("ValidationFault");
      expect(parse.Fault.Error[0]).toMatchObject({ code: "4000", Message: "Error parsing query", Detail: expect.stringMatching(/^QueryParserError: /) });
      const or = (await (await api(`query?query=${encodeURIComponent("select * from Invoice where Id = '1' or Id = '2'")}`)).json()) as { Fault: { Error: Doc[] } };
      expect(or.Fault.Error[0]).toMatchObject({ code: "4000" });
      for (const query of ["select * from Invoice maxresults 1001", "select * from Unicorn", "select * from Invoice where Colour = 'red'"]) {
        const response = await api(`query?query=${encodeURIComponent(query)}`);
        expect(response.status).toBe(400);
        const body = (await response.json()) as { Fault: { Error: Doc[] } };
        expect(body.Fault.Error[0]).toMatchObject({ code: "4001", Message: "Invalid query", Detail: expect.stringMatching(/^QueryValidationError: /) });
      }
    });
  });

  describe("batch", () => {
    it("runs items serially with per-item results and Faults under HTTP 200", async () => {
      const result = await call(qbo, "batch", [
        { bId: "1", operation: "create", Customer: { DisplayName: "Batch Betty" } },
        { bId: "2", operation: "create", Customer: { DisplayName: "Batch Betty" } },
        { bId: "3", Query: "select * from Customer where DisplayName = 'Batch Betty'" },
        { bId: "4", operation: "update", Customer: { Id: "1", SyncToken: "99", sparse: true, Notes: "stale" } },
      ]);
      expect(result.err).toBeNull();
      expect(result.status).toBe(200);
      const items = result.body.BatchItemResponse as Doc[];
      expect(items.map((i) => i.bId)).toEqual(["1", "2", "3", "4"]);
      expect(items[0]).toMatchObject({ Customer: { DisplayName: "Batch Betty", SyncToken: "0" } });
      expect(items[1]).toMatchObject({ Fault: { type: "ValidationFault", Error: [{ code: "6240" }] } });
      expect(items[2]).toMatchObject({ QueryResponse: { Customer: [{ DisplayName: "Batch Betty" }] } });
      expect(items[3]).toMatchObject({ Fault: { Error: [{ code: "5010" }] } });
    });

    it("refuses more than 30 items with 1040", async () => {
      const items = Array.from({ length: 31 }, (_, i) => ({ bId: String(i), Query: "select * from Item" }));
      const result = await call(qbo, "batch", items);
      expect(result.status).toBe(400);
      expect(faultOf(result)).toMatchObject({ code: "1040" });
    });
  });

  describe("change data capture", () => {
    it("returns changed records with full payloads and deletions as markers", async () => {
      const since = new Date(Date.now() - 1000);
      const customer = (await call(qbo, "createCustomer", { DisplayName: "CDC Carla" })).body;
      const items = ((await call(qbo, "findItems", { Name: "Widget" })).body.QueryResponse as { Item: Doc[] }).Item;
      const invoice = (await call(qbo, "createInvoice", { CustomerRef: { value: customer.Id }, Line: [{ Amount: 25, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: items[0]!.Id }, Qty: 1, UnitPrice: 25 } }] })).body;
      await call(qbo, "deleteInvoice", { Id: invoice.Id, SyncToken: invoice.SyncToken });

      const result = await call(qbo, "changeDataCapture", ["Customer", "Invoice", "Payment"], since);
      expect(result.err).toBeNull();
      const [capture] = result.body.CDCResponse as { QueryResponse: Doc[] }[];
      const [customers, invoices, payments] = capture!.QueryResponse as { Customer?: Doc[]; Invoice?: Doc[]; Payment?: Doc[]; totalCount?: number }[];
      // changedSince has whole seconds, so records from the previous test may show up as well.
      expect(customers!.Customer).toContainEqual(expect.objectContaining({ Id: customer.Id, DisplayName: "CDC Carla", SyncToken: "0" }));
      expect(customers).toMatchObject({ startPosition: 1, totalCount: customers!.Customer!.length });
      expect(invoices!.Invoice!.filter((i) => i.Id === invoice.Id)).toEqual([
        { domain: "QBO", status: "Deleted", Id: invoice.Id, MetaData: { LastUpdatedTime: expect.stringMatching(/-08:00$/) } },
      ]);
      expect(payments).toBeDefined();

      const later = await call(qbo, "changeDataCapture", "Customer,Invoice", new Date(Date.now() + 3_600_000));
      expect(later.body.CDCResponse).toEqual([{ QueryResponse: [{}, {}] }]);
    });

    it("refuses to look back more than 30 days", async () => {
      const result = await call(qbo, "changeDataCapture", "Invoice", new Date(Date.now() - 31 * 86_400_000));
      expect(result.status).toBe(400);
      expect(faultOf(result)).toMatchObject({ code: "4001" });
    });
  });

  describe("requestid", () => {
    it("returns the first response for a repeated requestid without creating a second record", async () => {
      const first = await call(qbo, "createCustomer", { DisplayName: "Idempotent Ida", requestId: "req-1" });
      const second = await call(qbo, "createCustomer", { DisplayName: "Idempotent Ida", requestId: "req-1" });
      expect(first.err).toBeNull();
      expect(second.err).toBeNull();
      expect(second.body).toEqual(first.body);
      const count = await api(`query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Idempotent Ida'")}`);
      expect(((await count.json()) as Doc).QueryResponse).toEqual({ totalCount: 1 });
      const racing = await Promise.all([1, 2, 3].map(() => call(qbo, "createCustomer", { DisplayName: "Racing Rob", requestId: "req-race" })));
      expect(new Set(racing.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(racing[0]!.err).toBeNull();
      const again = await call(qbo, "createCustomer", { DisplayName: "Idempotent Ida", requestId: "req-2" });
      expect(faultOf(again)).toMatchObject({ code: "6240" });
    });
  });

  describe("limits and faults", () => {
    it("throttles beyond 500 requests per minute with the 429 body", async () => {
      await admin(harness, `companies/${realmId}/settings`, { timeScale: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 501; i++) statuses.push((await api("preferences")).status);
      expect(statuses.slice(0, 500).every((s) => s === 200)).toBe(true);
      const throttled = await api("preferences");
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get("intuit_tid")).toBeTruthy();
      expect(await throttled.json()).toEqual({
        warnings: null,
        intuitObject: null,
        fault: {
          error: [{ message: "message=ThrottleExceeded; errorCode=003001; statusCode=429", detail: "The request limit was reached.  Try again later", code: "3001", element: null }],
          type: "SERVICE",
        },
        time: expect.any(Number),
      });
    });

    it("counts each batch item as a call", async () => {
      const batch = (n: number) =>
        api("batch", { method: "POST", body: JSON.stringify({ BatchItemRequest: Array.from({ length: n }, (_, i) => ({ bId: String(i), Query: "select count(*) from Item" })) }) });
      for (let i = 0; i < 16; i++) expect((await batch(30)).status).toBe(200);
      expect((await batch(30)).status).toBe(429);
      expect((await batch(20)).status).toBe(200);
    });

    it("refuses an eleventh request while ten are in flight", async () => {
      // Injected latency keeps the first requests in flight while the rest arrive.
      await admin(harness, `companies/${realmId}/settings`, { faults: { latencyMs: 2000 } });
      const statuses = await Promise.all(Array.from({ length: 11 }, () => api("preferences").then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    });

    it("injects 429s, 500/503s per company through the admin endpoint", async () => {
      await admin(harness, `companies/${realmId}/settings`, { faults: { throttleRate: 1 } });
      expect((await api("preferences")).status).toBe(429);
      await admin(harness, `companies/${realmId}/settings`, { faults: { serverErrorRate: 1 } });
      const failed = await api("preferences");
      expect([500, 503]).toContain(failed.status);
      const body = (await failed.json()) as { Fault: { type: string; Error: Doc[] } };
      expect(body.Fault).toMatchObject({ type: "SystemFault", Error: [{ code: "10000" }] });
    });

    it("rejects invalid admin input and changes nothing", async () => {
      const response = await fetch(`${harness.base}/admin/companies/${realmId}/settings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ faults: { throttleRate: 2 } }),
      });
      expect(response.status).toBe(400);
      expect((await api("preferences")).status).toBe(200);
    });

    it("records every request's intuit_tid", async () => {
      const response = await api("preferences");
      const tid = response.headers.get("intuit_tid");
      const log = (await admin(harness, `companies/${realmId}/requests`)).requests as { intuitTid: string; status: number }[];
      expect(log.find((r) => r.intuitTid === tid)).toMatchObject({ status: 200 });
    });
  });
});
