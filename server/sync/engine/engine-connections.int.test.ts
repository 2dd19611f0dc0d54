/**
 * Connection changes and the engine, through the sandboxes over HTTP: a reconnect after an
 * expired token restores each record's own state, and switching the HubSpot account or the
 * QuickBooks company sets the new one up and runs the initial sync into it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { connections } from "../../db/schema";
import { openToken } from "../../connections/sealed-tokens";
import { completeConnection } from "../../connections/complete-connection";
import { saveConnection } from "../../connections/save-connection";
import { startConnection } from "../../connections/start-connection";
import { QUICKBOOKS_ID_PROPERTY } from "../../providers/hubspot/adapter";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack, type StackOrg } from "../../testing/stack";
import { createSyncContext } from "../org-context";
import type { QboCustomer } from "../../providers/quickbooks/types";
import { contact, customer, editCustomer, initialSyncDone, linkBy, links, newCustomer } from "./testing";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

async function hubspotConnection(orgId: string) {
  return (await db().query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, "hubspot")) }))!;
}

/** Installs Tandem's app in the portal again and saves it, as the OAuth callback does. */
async function connectHubSpot(org: StackOrg & { userId: string }, portalId: string, replaceExisting: boolean) {
  const tokens = await stack.hubspotAdmin<{ access_token: string; refresh_token: string; expires_in: number }>("POST", `/accounts/${portalId}/install`, {
    appId: stack.hubspotApp.appId,
  });
  await saveConnection(db(), {
    orgId: org.orgId,
    userId: org.userId,
    provider: "hubspot",
    replaceExisting,
    authorized: {
      tokens: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: new Date(Date.now() + tokens.expires_in * 1000), scopes: null },
      account: { id: portalId, name: `Portal ${portalId}` },
    },
  });
}

describe("reconnecting after an expired token", () => {
  it("restores each record's own state: a duplicate-name failure still shows it, synced records are synced, and the edit made meanwhile arrives", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const ann = await newCustomer(ctx, "Ann", "Lee", "ann@example.test");
    await newCustomer(ctx, "Cara", "Diaz", "cara.other@example.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    await initialSyncDone(org.orgId, "contacts", 2);
    const cara = await someoneElse.createObject("contacts", { email: "cara@example.test", firstname: "Cara", lastname: "Diaz" });
    const failed = await eventually(async () => {
      const row = await linkBy(org.orgId, "contacts", "hubspot", cara.id);
      return row?.state === "failed" ? row : undefined;
    }, "the duplicate display name failure");
    expect(failed.errorCode).toBe("DUPLICATE_DISPLAY_NAME");

    // HubSpot's grant is revoked and the access token runs out: the next sync finds out.
    const connection = await hubspotConnection(org.orgId);
    const refreshToken = openToken(connection.refreshTokenEncrypted!, org.orgId, "hubspot");
    const revoked = await fetch(`${stack.origin}/sandbox/hubspot/api/oauth/v1/refresh-tokens/${refreshToken}`, { method: "DELETE" });
    expect(revoked.status).toBe(204);
    await db().update(connections).set({ accessTokenExpiresAt: new Date(Date.now() - 60_000) }).where(eq(connections.id, connection.id));
    await editCustomer(ctx, ann.Id, { FamilyName: "Lee-Park" });
    await eventually(async () => (await hubspotConnection(org.orgId)).status === "needs_reauth", "the connection to need re-authorization");
    const expired = await links(org.orgId, "contacts");
    expect(expired.map((l) => l.errorCode)).toEqual(["CONNECTION_EXPIRED", "CONNECTION_EXPIRED", "CONNECTION_EXPIRED"]);

    await connectHubSpot(org, org.hubspotPortalId, false);
    const restored = await eventually(async () => {
      const caraLink = await linkBy(org.orgId, "contacts", "hubspot", cara.id);
      const annLink = await linkBy(org.orgId, "contacts", "quickbooks", ann.Id);
      return caraLink?.errorCode !== "CONNECTION_EXPIRED" && annLink?.state === "synced" ? { caraLink, annLink } : undefined;
    }, "the records' own states to come back");
    expect(restored.caraLink).toMatchObject({ state: "failed", errorCode: "DUPLICATE_DISPLAY_NAME", errorDetail: failed.errorDetail });
    const { items: shown } = await org.caller.sync.records({ object: "contacts", state: "failed" });
    expect(shown.map((r) => r.error?.code)).toEqual(["DUPLICATE_DISPLAY_NAME"]);
    await eventually(async () => (await contact(ctx.hubspot, restored.annLink.hubspotId!)).properties.lastname === "Lee-Park", "the edit made while expired to arrive");
  });
});

describe("disconnecting HubSpot and connecting the same account again", () => {
  it("keeps the links, shows each record waiting for the reconnect, and the edits made on both sides meanwhile arrive after it", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const bo = await newCustomer(ctx, "Bo", "Reed", "bo@example.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    const [boLink] = await initialSyncDone(org.orgId, "contacts", 1);
    const hubspotId = boLink!.hubspotId!;

    await org.caller.connections.disconnect({ provider: "hubspot" });
    const waiting = await linkBy(org.orgId, "contacts", "quickbooks", bo.Id);
    expect(waiting).toMatchObject({ state: "failed", errorCode: "CONNECTION_EXPIRED", errorDetail: expect.stringContaining("HubSpot was disconnected") });
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await someoneElse.updateObject("contacts", hubspotId, { firstname: "Bonnie" });
    await editCustomer(ctx, bo.Id, { FamilyName: "Reed-Hart" });

    await connectHubSpot(org, org.hubspotPortalId, false);
    const after = await eventually(async () => {
      const hs = await contact(ctx.hubspot, hubspotId);
      const qb = await customer(ctx, bo.Id);
      return hs.properties.lastname === "Reed-Hart" && qb.GivenName === "Bonnie" ? { hs, qb } : undefined;
    }, "both sides' edits made while disconnected to arrive", 45_000);
    expect(after.hs.properties.firstname).toBe("Bonnie");
    expect(after.qb.FamilyName).toBe("Reed-Hart");
    const links_ = await links(org.orgId, "contacts");
    expect(links_.map((l) => [l.id, l.hubspotId, l.quickbooksId])).toEqual([[boLink!.id, hubspotId, bo.Id]]);
    const synced = await eventually(async () => {
      const link = await linkBy(org.orgId, "contacts", "hubspot", hubspotId);
      return link?.state === "synced" ? link : undefined;
    }, "the record synced");
    expect(synced).toMatchObject({ errorCode: null, suspended: null });
  }, 90_000);
});

describe("switching the HubSpot account", () => {
  it("creates Tandem's property in the new portal and runs the initial sync into it; later edits reach it", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const ann = await newCustomer(ctx, "Ann", "Lee", "ann@example.test", { PrimaryPhone: { FreeFormNumber: "555-0100" } });
    const bob = await newCustomer(ctx, "Bob", "Ray", "bob@example.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    const old = await initialSyncDone(org.orgId, "contacts", 2);

    const portal = await stack.hubspotAdmin<{ id: number }>("POST", "/accounts", { name: "The other portal" });
    await connectHubSpot(org, String(portal.id), true);
    const after = await createSyncContext(db(), org.orgId);
    const relinked = await eventually(async () => {
      const rows = await links(org.orgId, "contacts");
      return rows.length === 2 && rows.every((r) => r.state === "synced" && !old.some((o) => o.hubspotId === r.hubspotId)) ? rows : undefined;
    }, "the initial sync into the new portal", 30_000);

    const properties = await after.hubspot.listProperties("contacts");
    expect(properties.map((p) => p.name)).toContain(QUICKBOOKS_ID_PROPERTY);
    const contacts = await after.hubspot.listAll("contacts", ["email", "firstname", "lastname", "phone", QUICKBOOKS_ID_PROPERTY]);
    expect(contacts.map((c) => c.properties.email).sort()).toEqual(["ann@example.test", "bob@example.test"]);
    const annContact = contacts.find((c) => c.properties.email === "ann@example.test")!;
    expect(annContact.properties).toMatchObject({ firstname: "Ann", lastname: "Lee", phone: "555-0100", [QUICKBOOKS_ID_PROPERTY]: ann.Id });
    expect(relinked.find((r) => r.quickbooksId === bob.Id)?.hubspotId).toBe(contacts.find((c) => c.properties.email === "bob@example.test")!.id);

    await editCustomer(ctx, ann.Id, { PrimaryPhone: { FreeFormNumber: "555-0199" } });
    await eventually(async () => (await contact(after.hubspot, annContact.id)).properties.phone === "555-0199", "an edit to reach the new portal");
    expect((await linkBy(org.orgId, "contacts", "quickbooks", ann.Id))?.state).toBe("synced");
  });
});

/** Connects a new QuickBooks company in place of the current one, through the OAuth flow and the sandbox's consent form. */
async function switchQuickBooksCompany(org: StackOrg & { userId: string }, companyName: string): Promise<string> {
  const { url } = await startConnection(db(), { orgId: org.orgId, userId: org.userId, provider: "quickbooks", replace: true });
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set("decision", "approve");
  form.set("realmId", "new");
  form.set("companyName", companyName);
  form.set("country", "US");
  const approved = await fetch(url, { method: "POST", body: form, redirect: "manual" });
  const callback = new URL(approved.headers.get("location")!);
  const completed = await completeConnection(db(), { provider: "quickbooks", userId: org.userId, params: callback.searchParams });
  if (!completed.ok) throw new Error(`QuickBooks connection failed: ${completed.code}`);
  return callback.searchParams.get("realmId")!;
}

describe("switching the QuickBooks company", () => {
  it("runs the initial sync into the new company (customers made for the contacts, new links to them); later edits reach it", async () => {
    const org = await connectNewOrg(stack);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const ann = await someoneElse.createObject("contacts", { email: "ann@switch.test", firstname: "Ann", lastname: "Lee", phone: "555-0100" });
    const bob = await someoneElse.createObject("contacts", { email: "bob@switch.test", firstname: "Bob", lastname: "Ray" });
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    const old = await initialSyncDone(org.orgId, "contacts", 2);

    const switchedAt = new Date();
    const realmId = await switchQuickBooksCompany(org, "The other company");
    expect(realmId).not.toBe(org.realmId);
    // The overview never reports the old company's finished run as the sync's state.
    const justAfter = (await org.caller.sync.overview()).find((o) => o.object === "contacts")!.initialSync;
    expect(justAfter.running || Date.parse(justAfter.progress!.startedAt) >= switchedAt.getTime()).toBe(true);
    const after = await createSyncContext(db(), org.orgId);
    const relinked = await eventually(async () => {
      const rows = await links(org.orgId, "contacts");
      // New links: a company numbers its records from 1, so the new customers' ids may equal the old ones'.
      return rows.length === 2 && rows.every((r) => r.state === "synced" && r.quickbooksId && !old.some((o) => o.id === r.id)) ? rows : undefined;
    }, "the initial sync into the new company", 30_000);

    const customers = await after.quickbooks.queryAll<QboCustomer>("Customer");
    expect(customers.map((c) => c.PrimaryEmailAddr?.Address).sort()).toEqual(["ann@switch.test", "bob@switch.test"]);
    const annLink = relinked.find((r) => r.hubspotId === ann.id)!;
    const annCustomer = await customer(after, annLink.quickbooksId!);
    expect(annCustomer).toMatchObject({ GivenName: "Ann", FamilyName: "Lee", PrimaryPhone: { FreeFormNumber: "555-0100" } });
    expect(relinked.find((r) => r.hubspotId === bob.id)?.quickbooksId).toBe(customers.find((c) => c.PrimaryEmailAddr?.Address === "bob@switch.test")!.Id);
    const finished = await eventually(async () => {
      const state = (await org.caller.sync.overview()).find((o) => o.object === "contacts")!.initialSync;
      return state.running ? undefined : state;
    }, "the new company's initial sync to finish");
    expect(Date.parse(finished.progress!.startedAt)).toBeGreaterThanOrEqual(switchedAt.getTime());
    expect(finished.progress).toMatchObject({ finishedAt: expect.any(String) });

    await someoneElse.updateObject("contacts", ann.id, { phone: "555-0199" });
    await eventually(async () => (await customer(after, annLink.quickbooksId!)).PrimaryPhone?.FreeFormNumber === "555-0199", "an edit to reach the new company");
    expect((await linkBy(org.orgId, "contacts", "hubspot", ann.id))?.state).toBe("synced");
  });
});
