import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { QboEntityBase } from "../../providers/quickbooks/types";
import { createSyncContext } from "../org-context";

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
