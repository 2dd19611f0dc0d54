import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Signature } from "@hubspot/api-client";
import { startSandbox, installTestApp, type InstalledApp, type SandboxHarness } from "../testing/harness";
import { dispatchDueWebhooks } from "./dispatcher";
import { withWrite } from "../store/transactions";
import type { WebhookEvent } from "../domain/webhook-events";

interface Received {
  url: string;
  headers: Headers;
  body: string;
}

const received: Received[] = [];
let failNext = 0;
let h: SandboxHarness;

beforeAll(async () => {
  h = await startSandbox({
    "/hooks": async (request) => {
      received.push({ url: request.url, headers: request.headers, body: await request.text() });
      if (failNext > 0) {
        failNext--;
        return new Response("boom", { status: 500 });
      }
      return new Response(null, { status: 204 });
    },
  });
});
afterAll(async () => h?.close());

const ALL_EVENTS = ["creation", "deletion", "propertyChange", "associationChange"];

async function subscribedApp(): Promise<InstalledApp> {
  const subscriptions = ["contacts", "invoices", "line_items"].flatMap((objectType) => ALL_EVENTS.map((eventType) => ({ objectType, eventType })));
  // A fast clock compresses the retry schedule (minutes → milliseconds).
  return installTestApp(h, { webhookUrl: `${h.server.origin}/hooks/hubspot?source=sandbox`, subscriptions }, { timeScale: 1_000_000 });
}

/** Runs the dispatcher until `count` more requests arrived (bounded, no timing assumptions). */
async function dispatchUntil(count: number): Promise<Received[]> {
  const start = received.length;
  for (let i = 0; i < 200 && received.length < start + count; i++) {
    await dispatchDueWebhooks();
    if (received.length < start + count) await new Promise((r) => setTimeout(r, 5));
  }
  return received.slice(start);
}

const events = (r: Received) => JSON.parse(r.body) as WebhookEvent[];

describe("webhooks", () => {
  it("batches events as arrays signed with v3 signatures the client accepts", async () => {
    const app = await subscribedApp();
    const contact = await app.client.crm.contacts.basicApi.create({ properties: { email: "hook@example.com" }, associations: [] });
    await app.client.crm.contacts.basicApi.update(contact.id, { properties: { firstname: "Hook" } });
    const [request] = await dispatchUntil(1);
    if (!request) throw new Error("no webhook arrived");
    const batch = events(request);
    expect(batch.map((e) => e.subscriptionType)).toEqual(["object.creation", "object.propertyChange"]);
    expect(batch[0]).toMatchObject({ portalId: app.accountId, appId: app.appId, objectId: Number(contact.id), objectTypeId: "0-1", changeSource: "INTEGRATION", sourceId: String(app.appId), attemptNumber: 0 });
    expect(batch[1]).toMatchObject({ propertyName: "firstname", propertyValue: "Hook" });
    expect(typeof batch[0]?.eventId).toBe("number");

    const valid = Signature.isValid({
      signatureVersion: "v3",
      signature: request.headers.get("x-hubspot-signature-v3") ?? "",
      clientSecret: app.clientSecret,
      requestBody: request.body,
      url: request.url,
      method: "POST",
      timestamp: Number(request.headers.get("x-hubspot-request-timestamp")),
    });
    expect(valid).toBe(true);
    expect(Signature.isValid({ signatureVersion: "v3", signature: request.headers.get("x-hubspot-signature-v3") ?? "", clientSecret: "wrong", requestBody: request.body, url: request.url, method: "POST", timestamp: Number(request.headers.get("x-hubspot-request-timestamp")) })).toBe(false);
  });

  it("sends one creation event per record of a batch create, none for an input it refused", async () => {
    const app = await subscribedApp();
    const created = await app.client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: "batch-hook-1@example.com" }, associations: [] },
        { properties: { email: "not an email" }, associations: [] },
        { properties: { email: "batch-hook-2@example.com" }, associations: [] },
      ],
    });
    const [request] = await dispatchUntil(1);
    if (!request) throw new Error("no webhook arrived");
    const batch = events(request);
    expect(batch.map((e) => [e.subscriptionType, e.objectId])).toEqual(created.results.map((r) => ["object.creation", Number(r.id)]));
    expect(batch).toHaveLength(2);
  });

  it("retries a failed delivery with attemptNumber and records it in the delivery log", async () => {
    const app = await subscribedApp();
    failNext = 1;
    await app.client.crm.contacts.basicApi.create({ properties: { email: "retry-hook@example.com" }, associations: [] });
    const [first, second] = await dispatchUntil(2);
    expect(first && events(first)[0]?.attemptNumber).toBe(0);
    expect(second && events(second)[0]?.attemptNumber).toBe(1);
    expect(second && events(second)[0]?.eventId).toBe(first && events(first)[0]?.eventId);
    const log = await h.admin<{ results: Array<{ status: string; attempts: Array<{ status: number }> }> }>("GET", `/accounts/${app.accountId}/deliveries`);
    expect(log.body.results[0]).toMatchObject({ status: "delivered", attempts: [{ status: 500 }, { status: 204 }] });
  });

  it("sends association changes and deletions, and marks sandbox UI edits as CRM_UI", async () => {
    const app = await subscribedApp();
    const invoice = await app.client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "USD" }, associations: [] });
    const contact = await app.client.crm.contacts.basicApi.create({ properties: { email: "assoc-hook@example.com" }, associations: [] });
    await app.client.crm.associations.v4.basicApi.createDefault("invoices", invoice.id, "contacts", contact.id);
    await withWrite({ accountId: app.accountId, source: { changeSource: "CRM_UI", sourceId: "userId:42" } }, (s) => s.archive("invoices", Number(invoice.id)));
    const batch = (await dispatchUntil(1)).flatMap(events);
    const association = batch.find((e) => e.subscriptionType === "object.associationChange" && e.objectTypeId === "0-53" && !e.associationRemoved);
    expect(association).toMatchObject({ fromObjectId: Number(invoice.id), toObjectId: Number(contact.id), associationTypeId: 177 });
    const deletion = batch.find((e) => e.subscriptionType === "object.deletion");
    expect(deletion).toMatchObject({ objectId: Number(invoice.id), changeSource: "CRM_UI", sourceId: "userId:42" });
  });

  it("drops or duplicates batches when those faults are injected", async () => {
    const app = await subscribedApp();
    await h.admin("PUT", `/accounts/${app.accountId}/faults`, { webhookDuplicateRate: 1 });
    await app.client.crm.contacts.basicApi.create({ properties: { email: "dupe-hook@example.com" }, associations: [] });
    const [a, b] = await dispatchUntil(2);
    expect(a && events(a)[0]?.eventId).toBe(b && events(b)[0]?.eventId);

    await h.admin("PUT", `/accounts/${app.accountId}/faults`, { webhookDropRate: 1 });
    await app.client.crm.contacts.basicApi.create({ properties: { email: "lost-hook@example.com" }, associations: [] });
    const before = received.length;
    await dispatchDueWebhooks();
    expect(received.length).toBe(before);
    const log = await h.admin<{ results: Array<{ status: string }> }>("GET", `/accounts/${app.accountId}/deliveries`);
    expect(log.body.results[0]?.status).toBe("dropped");
  });

  it("holds events back while a delay fault is set", async () => {
    const app = await subscribedApp();
    await h.admin("PUT", `/accounts/${app.accountId}/faults`, { webhookMaxDelayMs: 86_400_000 });
    const before = received.length;
    for (let i = 0; i < 5; i++) await app.client.crm.contacts.basicApi.create({ properties: { email: `delayed-${i}@example.com` }, associations: [] });
    // With a random delay of up to a day, some of the five are all but certain to wait.
    await dispatchDueWebhooks();
    const delivered = received.slice(before).flatMap(events).length;
    expect(delivered).toBeLessThan(5);
  });
});
