import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { QboEntityBase } from "../../providers/quickbooks/types";
import { createSyncContext } from "../org-context";
import { previewInitialSync } from "./preview";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("preview of an initial sync", () => {
  it("shows what would be linked (fields before → after), created, left out and failed, and writes nothing; starting does exactly that", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const customer = (name: string, email: string | null, extra: Record<string, unknown> = {}) =>
      ctx.quickbooks.create<QboEntityBase>("Customer", { DisplayName: name, ...(email ? { PrimaryEmailAddr: { Address: email } } : {}), ...extra }, `seed-${name}`);
    await customer("Ann Lee", "ann@example.test", { GivenName: "Ann", FamilyName: "Lee", CompanyName: "Lee Books" });
    await customer("New Person", "new@example.test", { GivenName: "New" });
    await customer("No Email", null);
    await customer("Twin One", "twin@example.test");
    await customer("Twin Two", "TWIN@example.test");
    const existing = await ctx.hubspot.createObject("contacts", { email: "ann@example.test", firstname: "Annie", company: "Old Co" });
    await org.caller.sync.updateSettings({ object: "contacts", direction: "two_way", conflictWinner: "quickbooks" });

    const preview = await org.caller.sync.preview({ object: "contacts" });
    expect(preview.counts).toMatchObject({ link: 1, create: 2, exclude: 1, fail: 1 });
    const ann = preview.items.find((i) => i.action === "link")!;
    expect(ann).toMatchObject({ label: "Ann Lee", counterpartId: existing.id });
    expect(ann.changes).toEqual(
      expect.arrayContaining([
        { field: "firstName", label: "First name", side: "hubspot", before: "Annie", after: "Ann" },
        { field: "companyName", label: "Company name", side: "hubspot", before: "Old Co", after: "Lee Books" },
      ]),
    );
    expect(preview.items.find((i) => i.action === "exclude")?.reason).toMatch(/No email/);
    expect(preview.items.find((i) => i.action === "fail")?.reason).toMatch(/same email/);
    // Five QuickBooks customers and the one HubSpot contact, all read: counts and list are whole.
    expect(preview).toMatchObject({ read: 6, countsComplete: true, listComplete: true });
    expect(preview.items).toHaveLength(5);

    // A list cut short still counts every record, and says the list is the first part only.
    const shortList = await previewInitialSync(db(), org.orgId, "contacts", { maxItems: 2 });
    expect(shortList).toMatchObject({ counts: preview.counts, read: 6, countsComplete: true, listComplete: false });
    expect(shortList.items).toEqual(preview.items.slice(0, 2));
    // Reading stopped early: the counts cover the records read only, and say so.
    const firstPage = await previewInitialSync(db(), org.orgId, "contacts", { pageSize: 2, maxRecords: 2 });
    expect(firstPage).toMatchObject({ read: 2, countsComplete: false, listComplete: true });
    expect(Object.values(firstPage.counts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(firstPage.items).toHaveLength(2);

    // Nothing was written anywhere.
    expect((await ctx.hubspot.getObject("contacts", existing.id, ["firstname"])).properties.firstname).toBe("Annie");
    expect(await db().select().from(recordLinks).where(eq(recordLinks.orgId, org.orgId))).toHaveLength(0);
    expect((await ctx.hubspot.listAll("contacts", ["email"])).length).toBe(1);

    // Starting it does what the preview said.
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await eventually(async () => {
      const rows = await db().select().from(recordLinks).where(eq(recordLinks.orgId, org.orgId));
      return rows.length === 5 && rows.every((r) => r.state !== "pending");
    }, "the initial sync");
    expect((await ctx.hubspot.getObject("contacts", existing.id, ["firstname", "company"])).properties).toMatchObject({ firstname: "Ann", company: "Lee Books" });
    expect((await ctx.hubspot.listAll("contacts", ["email"])).length).toBe(3);
  }, 60_000);
});
