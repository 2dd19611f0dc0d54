import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEV_APP_NAME, ensureDevApp } from "../dev-app";
import { startSandbox, type SandboxHarness } from "../testing/harness";
import { handleHubSpotAdmin } from "./admin";

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

describe("who may call the admin API", () => {
  afterEach(() => vi.unstubAllEnvs());
  const viaProxy = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    // A reverse proxy on this machine forwarding a remote client: the socket is local, the caller is not.
    fetch(`${h.server.origin}/sandbox/hubspot/admin${path}`, { ...init, headers: { "x-forwarded-for": "203.0.113.7", "content-type": "application/json", ...headers } });

  it("refuses a remote caller without the admin token, and one that only claims to be local", async () => {
    const forwarded = await viaProxy("/apps");
    expect(forwarded.status).toBe(403);
    expect(await forwarded.text()).not.toContain("clientSecret");
    const inProcess = await handleHubSpotAdmin(new Request("http://sandbox.example/sandbox/hubspot/admin/apps", { headers: { "x-forwarded-for": "127.0.0.1" } }));
    expect(inProcess.status).toBe(403);
    vi.stubEnv("SANDBOX_ADMIN_TOKEN", "the-admin-token");
    expect((await viaProxy("/apps", { authorization: "Bearer wrong-token" })).status).toBe(403);
  });

  it("answers a remote caller with the admin token, but never with Tandem's own app's secret", async () => {
    const dev = await ensureDevApp({ appUrl: "http://127.0.0.1:9" });
    vi.stubEnv("SANDBOX_ADMIN_TOKEN", "the-admin-token");
    const auth = { authorization: "Bearer the-admin-token" };
    const listed = await viaProxy("/apps", auth);
    expect(listed.status).toBe(200);
    const apps = ((await listed.json()) as { results: Array<{ name: string; clientSecret?: string }> }).results;
    expect(apps.find((a) => a.name === DEV_APP_NAME)).not.toHaveProperty("clientSecret");
    expect(apps.find((a) => a.name === "Admin test app")).toHaveProperty("clientSecret");
    expect(await (await viaProxy(`/apps/${dev.appId}`, auth)).text()).not.toContain(dev.clientSecret);
    expect((await viaProxy(`/apps/${dev.appId}`, auth, { method: "PATCH", body: JSON.stringify({ webhookUrl: "http://evil.example/hooks" }) })).status).toBe(403);
    const account = await h.admin<{ id: number }>("POST", "/accounts", { name: "Remote portal" });
    expect((await viaProxy(`/accounts/${account.body.id}/install`, auth, { method: "POST", body: JSON.stringify({ appId: dev.appId }) })).status).toBe(403);
    // From this machine, Tandem's app is readable as before.
    expect((await h.admin<{ clientSecret: string }>("GET", `/apps/${dev.appId}`)).body.clientSecret).toBe(dev.clientSecret);
  });

  it("is off in production against the real HubSpot", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("HUBSPOT_CLIENT_ID", "real-client-id");
    vi.stubEnv("HUBSPOT_BASE_URL", "https://api.hubapi.com");
    expect((await fetch(`${h.server.origin}/sandbox/hubspot/admin/apps`)).status).toBe(404);
  });
});
