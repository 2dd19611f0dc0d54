import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHarness } from "../testing/harness";

let h: SandboxHarness;

beforeAll(async () => {
  h = await startSandbox();
});
afterAll(async () => h?.close());

describe("admin API", () => {
  it("registers apps with validated input and refuses duplicates", async () => {
    const bad = await h.admin("POST", "/apps", { name: "", redirectUris: ["not a url"], subscriptions: [{ objectType: "deals", eventType: "creation" }] });
    expect(bad.status).toBe(400);
    const created = await h.admin<{ appId: number; clientId: string; subscriptions: Array<{ id: number; active: boolean }> }>("POST", "/apps", {
      name: "Admin test app",
      redirectUris: ["http://localhost/cb"],
      webhookUrl: "http://localhost/hooks",
      subscriptions: [{ objectType: "invoices", eventType: "propertyChange", propertyName: "hs_invoice_status" }],
    });
    expect(created.status).toBe(201);
    expect(created.body.subscriptions[0]).toMatchObject({ active: true });
    expect((await h.admin("POST", "/apps", { name: "Admin test app" })).status).toBe(409);
    const patched = await h.admin<{ webhookUrl: string | null }>("PATCH", `/apps/${created.body.appId}`, { webhookUrl: null });
    expect(patched.body.webhookUrl).toBeNull();
  });

  it("creates accounts with users and settings", async () => {
    const account = await h.admin<{ id: number; users: Array<{ email: string }> }>("POST", "/accounts", { name: "Admin portal", userEmail: "owner@example.com" });
    expect(account.body.users[0]?.email).toBe("owner@example.com");
    expect((await h.admin("POST", `/accounts/${account.body.id}/users`, { email: "second@example.com" })).status).toBe(201);
    const users = await h.admin<{ results: unknown[] }>("GET", `/accounts/${account.body.id}/users`);
    expect(users.body.results).toHaveLength(2);
    const settings = await h.admin<{ timeScale: number; searchableDelayMs: number }>("PATCH", `/accounts/${account.body.id}/settings`, { timeScale: 60, searchableDelayMs: 500 });
    expect(settings.body).toMatchObject({ timeScale: 60, searchableDelayMs: 500 });
    expect((await h.admin("PATCH", `/accounts/${account.body.id}/settings`, { timeScale: -1 })).status).toBe(400);
    expect((await h.admin("GET", "/accounts/123")).status).toBe(404);
  });
});
