import { createHmac } from "node:crypto";
import type QuickBooks from "node-quickbooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetClock, shiftClock } from "../domain/clock";
import { call } from "../testing/clients";
import { connectQuickbooks } from "../testing/connect";
import { admin, createCompanyViaAdmin, startSandbox, type SandboxHarness } from "../testing/harness";
import { startLoopback, type LoopbackServer } from "../../testing/loopback";
import { dispatchDueWebhooks } from "./dispatcher";

interface Received {
  headers: Headers;
  body: string;
}

describe("sandbox QBO webhooks", () => {
  let harness: SandboxHarness;
  let receiver: LoopbackServer;
  let realmId: string;
  let qbo: QuickBooks;
  const received: Received[] = [];
  let failNext = 0;

  const log = async () =>
    (await admin(harness, `companies/${realmId}/webhooks`)).deliveries as {
      status: string;
      attempts: number;
      changes: { entityType: string; entityId: string; operation: string }[];
      lastStatusCode: number | null;
      attemptLog: { attempt: number; statusCode: number | null }[];
    }[];

  beforeAll(async () => {
    receiver = await startLoopback(async (request) => {
      received.push({ headers: request.headers, body: await request.text() });
      if (failNext > 0) {
        failNext--;
        return new Response("busy", { status: 500 });
      }
      return new Response(null, { status: 200 });
    });
    harness = await startSandbox({ webhookUrl: `${receiver.origin}/hooks` });
    realmId = await createCompanyViaAdmin(harness, { name: "Hooked Co" });
    ({ qbo } = await connectQuickbooks(harness, realmId));
  });
  afterAll(async () => {
    await harness.close();
    await receiver.close();
  });
  // One change per POST unless a test opens a window: most tests here are about one delivery.
  beforeEach(() => vi.stubEnv("SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS", "0"));
  afterEach(async () => {
    vi.unstubAllEnvs();
    received.length = 0;
    failNext = 0;
    resetClock();
    await admin(harness, `companies/${realmId}/settings`, { faults: {}, timeScale: null });
    await admin(harness, "apps", { name: "Conformance", redirectUris: [harness.app.redirectUri], webhookUrl: `${receiver.origin}/hooks`, webhookFormat: "legacy" });
  });

  it("sends a legacy notification after a change, signed with intuit-signature over the raw body", async () => {
    const customer = (await call(qbo, "createCustomer", { DisplayName: "Hook Hannah" })).body;
    expect(await dispatchDueWebhooks(harness.db)).toBe(1);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const expected = createHmac("sha256", harness.app.verifierToken).update(delivery!.body).digest("base64");
    expect(delivery!.headers.get("intuit-signature")).toBe(expected);
    expect(delivery!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(delivery!.body)).toEqual({
      eventNotifications: [
        {
          realmId,
          dataChangeEvent: {
            entities: [{ name: "Customer", id: customer.Id, operation: "Create", lastUpdated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0800$/) }],
          },
        },
      ],
    });
    expect((await log())[0]).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, changes: [{ entityType: "Customer", entityId: customer.Id, operation: "Create" }] });
  });

  it("sends CloudEvents when the app asks for them", async () => {
    await admin(harness, "apps", { name: "Conformance", redirectUris: [harness.app.redirectUri], webhookUrl: `${receiver.origin}/hooks`, webhookFormat: "cloudevents" });
    const customer = (await call(qbo, "createCustomer", { DisplayName: "Cloud Clara" })).body;
    await call(qbo, "updateCustomer", { Id: customer.Id, SyncToken: "0", Notes: "updated" });
    await dispatchDueWebhooks(harness.db);
    expect(received).toHaveLength(2);
    const events = received.map((r) => JSON.parse(r.body) as Record<string, unknown>[]).flat();
    expect(events.map((e) => e.type).sort()).toEqual(["qbo.customer.created.v1", "qbo.customer.updated.v1"]);
    expect(events[0]).toMatchObject({ specversion: "1.0", id: expect.any(String), intuitentityid: customer.Id, intuitaccountid: realmId, datacontenttype: "application/json" });
    expect(received[0]!.headers.get("content-type")).toBe("application/cloudevents+json");
  });

  it("retries a failed delivery on Intuit's schedule, compressed by the time scale", async () => {
    await admin(harness, `companies/${realmId}/settings`, { timeScale: 10 });
    failNext = 1;
    await call(qbo, "createCustomer", { DisplayName: "Retry Rita" });
    await dispatchDueWebhooks(harness.db);
    expect((await log())[0]).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(await dispatchDueWebhooks(harness.db)).toBe(0);
    shiftClock(1_100);
    expect(await dispatchDueWebhooks(harness.db)).toBe(1);
    const [entry] = await log();
    expect(entry).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
    expect(entry!.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(received[0]!.body).toBe(received[1]!.body);
  });

  it("notifies invoice changes when a payment is applied", async () => {
    const accounts = ((await call(qbo, "findAccounts", { AccountType: "Income" })).body.QueryResponse as { Account: { Id: string }[] }).Account;
    const item = (await call(qbo, "createItem", { Name: "Hooked item", Type: "Service", IncomeAccountRef: { value: accounts[0]!.Id } })).body;
    const customer = (await call(qbo, "createCustomer", { DisplayName: "Payer Pete" })).body;
    const invoice = (await call(qbo, "createInvoice", { CustomerRef: { value: customer.Id }, Line: [{ Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 } }] })).body;
    await dispatchDueWebhooks(harness.db);
    received.length = 0;
    await call(qbo, "createPayment", { CustomerRef: { value: customer.Id }, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
    await dispatchDueWebhooks(harness.db);
    const entities = received.map((r) => (JSON.parse(r.body) as { eventNotifications: { dataChangeEvent: { entities: { name: string; operation: string }[] } }[] }).eventNotifications[0]!.dataChangeEvent.entities[0]!);
    expect(entities.map((e) => `${e.name}:${e.operation}`).sort()).toEqual(["Invoice:Update", "Payment:Create"]);
  });

  it("drops, duplicates and delays deliveries when those faults are injected", async () => {
    await admin(harness, `companies/${realmId}/settings`, { faults: { webhookDropRate: 1 } });
    await call(qbo, "createCustomer", { DisplayName: "Dropped Dora" });
    await dispatchDueWebhooks(harness.db);
    expect(received).toHaveLength(0);
    expect((await log())[0]).toMatchObject({ status: "dropped", attempts: 0 });

    await admin(harness, `companies/${realmId}/settings`, { faults: { webhookDuplicateRate: 1 } });
    await call(qbo, "createCustomer", { DisplayName: "Double Dan" });
    await dispatchDueWebhooks(harness.db);
    expect(received).toHaveLength(2);
    expect(received[0]!.body).toBe(received[1]!.body);

    received.length = 0;
    await admin(harness, `companies/${realmId}/settings`, { faults: { webhookMaxDelayMs: 60_000 } });
    await call(qbo, "createCustomer", { DisplayName: "Late Larry" });
    shiftClock(60_000);
    await dispatchDueWebhooks(harness.db);
    expect(received).toHaveLength(1);
  });

  describe("batching per company over the webhook window", () => {
    type Legacy = { eventNotifications: { realmId: string; dataChangeEvent: { entities: { name: string; id: string; operation: string }[] } }[] };
    beforeEach(() => vi.stubEnv("SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS", "60000"));

    it("gathers a company's changes until the window closes, then sends them in one signed POST", async () => {
      const first = (await call(qbo, "createCustomer", { DisplayName: "Batch Bea" })).body;
      const second = (await call(qbo, "createCustomer", { DisplayName: "Batch Bob" })).body;
      await call(qbo, "updateCustomer", { Id: first.Id, SyncToken: "0", sparse: true, Notes: "changed" });
      expect(await dispatchDueWebhooks(harness.db)).toBe(0);
      shiftClock(59_000);
      expect(await dispatchDueWebhooks(harness.db)).toBe(0);
      shiftClock(1_000);
      expect(await dispatchDueWebhooks(harness.db)).toBe(1);
      expect(received).toHaveLength(1);
      const [delivery] = received;
      expect(delivery!.headers.get("intuit-signature")).toBe(createHmac("sha256", harness.app.verifierToken).update(delivery!.body).digest("base64"));
      const payload = JSON.parse(delivery!.body) as Legacy;
      expect(payload.eventNotifications).toHaveLength(1);
      expect(payload.eventNotifications[0]!.realmId).toBe(realmId);
      expect(payload.eventNotifications[0]!.dataChangeEvent.entities.map((e) => `${e.name}:${e.id}:${e.operation}`)).toEqual([
        `Customer:${first.Id}:Create`,
        `Customer:${second.Id}:Create`,
        `Customer:${first.Id}:Update`,
      ]);
      expect((await log())[0]!.changes).toHaveLength(3);

      // A change after the window closed starts the next batch.
      await call(qbo, "createCustomer", { DisplayName: "Batch Next" });
      shiftClock(60_000);
      await dispatchDueWebhooks(harness.db);
      expect(received).toHaveLength(2);
      expect((JSON.parse(received[1]!.body) as Legacy).eventNotifications[0]!.dataChangeEvent.entities).toHaveLength(1);
    });

    it("batches each company apart, and CloudEvents as one array with an id per change", async () => {
      await admin(harness, "apps", { name: "Conformance", redirectUris: [harness.app.redirectUri], webhookUrl: `${receiver.origin}/hooks`, webhookFormat: "cloudevents" });
      const otherRealm = await createCompanyViaAdmin(harness, { name: "Other Hooked Co" });
      const { qbo: otherQbo } = await connectQuickbooks(harness, otherRealm);
      await call(qbo, "createCustomer", { DisplayName: "Cloud One" });
      await call(otherQbo, "createCustomer", { DisplayName: "Elsewhere" });
      await call(qbo, "createCustomer", { DisplayName: "Cloud Two" });
      shiftClock(60_000);
      expect(await dispatchDueWebhooks(harness.db)).toBe(2);
      const batches = received.map((r) => JSON.parse(r.body) as { id: string; intuitaccountid: string }[]);
      const ours = batches.find((events) => events[0]!.intuitaccountid === realmId)!;
      const theirs = batches.find((events) => events[0]!.intuitaccountid === otherRealm)!;
      expect(ours).toHaveLength(2);
      expect(new Set(ours.map((e) => e.id)).size).toBe(2);
      expect(theirs).toHaveLength(1);
    });

    it("shortens the window by the company's time scale", async () => {
      await admin(harness, `companies/${realmId}/settings`, { timeScale: 60 });
      await call(qbo, "createCustomer", { DisplayName: "Quick Quinn" });
      await call(qbo, "createCustomer", { DisplayName: "Quick Quincy" });
      shiftClock(1_000);
      expect(await dispatchDueWebhooks(harness.db)).toBe(1);
      expect((JSON.parse(received[0]!.body) as Legacy).eventNotifications[0]!.dataChangeEvent.entities).toHaveLength(2);
    });
  });

  it("stops notifying an app once its connection is revoked", async () => {
    const { qbo: other } = await connectQuickbooks(harness, realmId);
    expect(other).toBeDefined();
    const response = await fetch(`${harness.base}/oauth2/v1/tokens/revoke`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${harness.app.clientId}:${harness.app.clientSecret}`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify({ token: (other as unknown as { token: string }).token }),
    });
    expect(response.status).toBe(200);
    const stillConnected = await call(qbo, "createCustomer", { DisplayName: "After Revoke" });
    expect(stillConnected.err).toBeNull();
    await dispatchDueWebhooks(harness.db);
    expect(received).toHaveLength(1);
  });
});
