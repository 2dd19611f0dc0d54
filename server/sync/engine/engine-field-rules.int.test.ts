/**
 * Per-field winners and directions (a mapping overriding its object's conflict winner and
 * direction), end to end through the sandboxes in a two-way contact sync.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileRequested } from "../../../inngest/events";
import { db } from "../../db/client";
import type { HubSpotClient } from "../../providers/hubspot/client";
import type { QboCustomer } from "../../providers/quickbooks/types";
import { sendEvents } from "../../runtime";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import type { SyncContext } from "../context";
import { createSyncContext } from "../org-context";
import { contact, customer, editCustomer, initialSyncDone, linkBy, newCustomer } from "./testing";

let stack: Stack;
let org: Awaited<ReturnType<typeof connectNewOrg>>;
let ctx: SyncContext;
let someoneElse: HubSpotClient;
let fay: QboCustomer;
let gus: QboCustomer;

beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
  org = await connectNewOrg(stack);
  ctx = await createSyncContext(db(), org.orgId);
  someoneElse = await hubspotAsSomeoneElse(stack, org);
  fay = await newCustomer(ctx, "Fay", "Roe", "fay@example.test", { PrimaryPhone: { FreeFormNumber: "555-0001" }, CompanyName: "Roe Co" });
  gus = await newCustomer(ctx, "Gus", "Sim", "gus@example.test", { CompanyName: "Sim Co" });
  await org.caller.sync.updateSettings({ object: "contacts", direction: "two_way", conflictWinner: "hubspot" });
  const { mappings } = await org.caller.mappings.list({ object: "contacts" });
  // Contacts are two-way with HubSpot winning, but the phone always follows QuickBooks, and the
  // company name only ever goes from HubSpot to QuickBooks.
  await org.caller.mappings.update({ id: mappings.find((m) => m.key === "phone")!.id, conflictWinner: "quickbooks" });
  await org.caller.mappings.update({ id: mappings.find((m) => m.key === "companyName")!.id, direction: "to_quickbooks" });
  await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
  await initialSyncDone(org.orgId, "contacts", 2);
}, 120_000);
afterAll(() => stack?.stop());

async function dropWebhooks(drop: boolean) {
  await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: drop ? 1 : 0 } });
  await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, drop ? { webhookDropRate: 1 } : {});
}

describe("per-field winners and directions", () => {
  it("settles a field changed on both sides by its own winner, the others by the object's", async () => {
    const link = (await linkBy(org.orgId, "contacts", "quickbooks", fay.Id))!;
    await dropWebhooks(true);
    await someoneElse.updateObject("contacts", link.hubspotId!, { firstname: "Faye", phone: "555-1111" });
    await editCustomer(ctx, fay.Id, { GivenName: "Fae", PrimaryPhone: { FreeFormNumber: "555-2222" } });
    await dropWebhooks(false);
    await sendEvents(reconcileRequested.create({ orgId: org.orgId }));
    const settled = await eventually(async () => {
      const [c, q] = await Promise.all([contact(ctx.hubspot, link.hubspotId!), customer(ctx, fay.Id)]);
      return c.properties.firstname === "Faye" && q.GivenName === "Faye" && c.properties.phone === "555-2222" && q.PrimaryPhone?.FreeFormNumber === "555-2222"
        ? { c, q }
        : undefined;
    }, "both fields settled by their winners");
    expect(settled.c.properties.lastname).toBe("Roe");
    expect((await linkBy(org.orgId, "contacts", "quickbooks", fay.Id))!.state).toBe("synced");
  });

  it("copies a one-way field only its way, and flags an edit made on the receiving side", async () => {
    const link = (await linkBy(org.orgId, "contacts", "quickbooks", gus.Id))!;
    await someoneElse.updateObject("contacts", link.hubspotId!, { company: "Sim Group" });
    await eventually(async () => (await customer(ctx, gus.Id)).CompanyName === "Sim Group", "the HubSpot company in QuickBooks");

    await editCustomer(ctx, gus.Id, { CompanyName: "Sim Ltd", FamilyName: "Simms" });
    const flagged = await eventually(async () => {
      const now = await linkBy(org.orgId, "contacts", "quickbooks", gus.Id);
      return now?.state === "failed" ? now : undefined;
    }, "the receiving-side edit to be flagged");
    expect(flagged.errorCode).toBe("ONE_WAY_EDIT");
    expect(flagged.errorDetail).toMatch(/Company name/);
    const hubspot = await contact(ctx.hubspot, link.hubspotId!);
    // The two-way last name went over; the one-way company did not.
    expect(hubspot.properties).toMatchObject({ lastname: "Simms", company: "Sim Group" });
  });
});
