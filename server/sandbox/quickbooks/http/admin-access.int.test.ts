import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEV_APP_NAME, ensureDevApp } from "../dev-app";
import { startSandbox, type SandboxHarness } from "../testing/harness";

/** The admin API registers apps and shows their secrets: who may call it, and when it exists at all. */
describe("sandbox QBO admin API access", () => {
  let harness: SandboxHarness;
  let dev: { clientId: string; clientSecret: string; verifierToken: string };

  beforeAll(async () => {
    harness = await startSandbox();
    dev = await ensureDevApp({ appUrl: "http://127.0.0.1:9", db: harness.db });
  });
  afterAll(() => harness.close());
  afterEach(() => vi.unstubAllEnvs());

  // A reverse proxy on this machine forwarding a remote client: the socket is local, the caller is not.
  const remote = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    fetch(`${harness.base}/admin/${path}`, { ...init, headers: { "x-forwarded-for": "203.0.113.7", "content-type": "application/json", ...headers } });

  it("answers a caller on this machine, with every app's credentials", async () => {
    const response = await fetch(`${harness.base}/admin/apps`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(dev.clientSecret);
  });

  it("refuses a remote caller without the admin token", async () => {
    const response = await remote("apps");
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(dev.clientSecret);
    vi.stubEnv("SANDBOX_ADMIN_TOKEN", "the-admin-token");
    expect((await remote("apps", { authorization: "Bearer not-the-token" })).status).toBe(403);
    expect((await remote("companies", {}, { method: "POST", body: "{}" })).status).toBe(403);
  });

  it("answers a remote caller with the admin token, but never with Tandem's own app's secrets", async () => {
    vi.stubEnv("SANDBOX_ADMIN_TOKEN", "the-admin-token");
    const auth = { authorization: "Bearer the-admin-token" };
    const listed = await remote("apps", auth);
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(dev.clientSecret);
    expect(text).not.toContain(dev.verifierToken);
    const apps = (JSON.parse(text) as { apps: Array<{ name: string; clientSecret?: string }> }).apps;
    expect(apps.find((a) => a.name === "Conformance")?.clientSecret).toBeTruthy();
    // Registering under Tandem's name would hand back its credentials: refused.
    const takeover = await remote("apps", auth, { method: "POST", body: JSON.stringify({ name: DEV_APP_NAME, redirectUris: ["http://evil.example/cb"] }) });
    expect(takeover.status).toBe(403);
    expect(await takeover.text()).not.toContain(dev.clientSecret);
    expect((await remote(`apps/${dev.clientId}/settings`, auth, { method: "POST", body: JSON.stringify({ accessTokenLifetimeSeconds: 5 }) })).status).toBe(403);
  });

  it("is off in production against the real QuickBooks Online: every sandbox URL answers 404", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("QUICKBOOKS_CLIENT_ID", "real-client-id");
    vi.stubEnv("QUICKBOOKS_BASE_URL", "https://quickbooks.api.intuit.com");
    expect((await fetch(`${harness.base}/admin/apps`)).status).toBe(404);
    expect((await fetch(`${harness.base}/connect/oauth2?client_id=${dev.clientId}`)).status).toBe(404);
    expect((await fetch(`${harness.base}/v3/company/1/companyinfo/1`)).status).toBe(404);
  });
});
