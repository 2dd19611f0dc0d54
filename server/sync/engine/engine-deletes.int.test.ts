/**
 * A synced record deleted on one side, through the sandboxes over HTTP: Tandem deletes nothing,
 * the record view says what happened instead of "synced", and a later change on the side that
 * kept the record creates it again (once).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, startStack, type Stack, type StackOrg } from "../../testing/stack";
import { createSyncContext } from "../org-context";
import { contact, contactPair, customer, editCustomer, initialSyncDone, linkBy, links, newCustomer } from "./testing";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

/** Deletes a HubSpot contact as another integration (or a user) would: HubSpot archives it and notifies. */
async function deleteHubSpotContact(org: StackOrg, id: string) {
  const app = await stack.hubspotAdmin<{ appId: number }>("POST", "/apps", { name: `Cleanup ${Math.random().toString(36).slice(2)}`, redirectUris: ["http://127.0.0.1/elsewhere"] });
  const { access_token } = await stack.hubspotAdmin<{ access_token: string }>("POST", `/accounts/${org.hubspotPortalId}/install`, { appId: app.appId });
  const response = await fetch(`${stack.origin}/sandbox/hubspot/api/crm/v3/objects/contacts/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${access_token}` } });
  expect(response.status).toBe(204);
}

describe("a contact deleted in HubSpot", () => {
  it("keeps the QuickBooks customer, says so on the record, and comes back once the customer changes", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const dee = await newCustomer(ctx, "Dee", "Lowe", "dee@example.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    const [synced] = await initialSyncDone(org.orgId, "contacts", 1);
    const deletedId = synced!.hubspotId!;

    await deleteHubSpotContact(org, deletedId);
    const forgotten = await eventually(async () => {
      const link = await linkBy(org.orgId, "contacts", "quickbooks", dee.Id);
      return link?.state === "excluded" ? link : undefined;
    }, "the record to say the contact was deleted");
    expect(forgotten).toMatchObject({ id: synced!.id, hubspotId: null, origin: "quickbooks", excludedReason: expect.stringMatching(/^Deleted in HubSpot\. Tandem doesn't delete the contact in QuickBooks/) });
    const kept = await customer(ctx, dee.Id);
    expect(kept).toMatchObject({ Active: true, GivenName: "Dee", FamilyName: "Lowe", PrimaryEmailAddr: { Address: "dee@example.test" } });
    const { items: shown } = await org.caller.sync.records({ object: "contacts", state: "excluded" });
    expect(shown.map((r) => r.id)).toEqual([synced!.id]);

    await editCustomer(ctx, dee.Id, { FamilyName: "Lowe-Grant" });
    const back = await eventually(async () => {
      const link = await linkBy(org.orgId, "contacts", "quickbooks", dee.Id);
      return link?.state === "synced" && link.hubspotId ? link : undefined;
    }, "the contact to be created again");
    expect(back.hubspotId).not.toBe(deletedId);
    const pair = contactPair(await contact(ctx.hubspot, back.hubspotId!), await customer(ctx, dee.Id));
    expect(pair.hubspot).toEqual(pair.quickbooks);
    expect(pair.hubspot.lastName).toBe("Lowe-Grant");
    expect(await links(org.orgId, "contacts")).toHaveLength(1);
    const sameEmail = (await ctx.hubspot.listAll("contacts", ["email"])).filter((c) => c.properties.email === "dee@example.test");
    expect(sameEmail.map((c) => c.id)).toEqual([back.hubspotId]);
  }, 90_000);
});
