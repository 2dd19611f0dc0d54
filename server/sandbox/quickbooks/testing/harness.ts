import { registerApp } from "../store/apps";
import { createSandboxDb, type SandboxDb } from "../store/db";
import { createSandboxHandlers } from "../http/handlers";
import { throwawayDatabase } from "../../testing/database";
import { startLoopback, type LoopbackServer } from "../../testing/loopback";

/** The sandbox on a throwaway database, served over loopback HTTP, with one registered app (same core shape as the HubSpot sandbox's harness). */
export interface SandboxHarness {
  db: SandboxDb;
  server: LoopbackServer;
  /** The sandbox mount point, e.g. http://127.0.0.1:1234/sandbox/quickbooks */
  base: string;
  app: { clientId: string; clientSecret: string; verifierToken: string; redirectUri: string };
  close: () => Promise<void>;
}

export async function startSandbox(options: { webhookUrl?: string; webhookFormat?: "legacy" | "cloudevents" } = {}): Promise<SandboxHarness> {
  const database = await throwawayDatabase();
  const { db, close } = createSandboxDb(database.url, { max: 5 });
  const handlers = createSandboxHandlers(db);
  const server = await startLoopback(handlers.all);
  const redirectUri = "http://127.0.0.1:9/callback";
  const app = await registerApp(db, {
    name: "Conformance",
    redirectUris: [redirectUri],
    webhookUrl: options.webhookUrl,
    webhookFormat: options.webhookFormat ?? "legacy",
  });
  return {
    db,
    server,
    base: `${server.origin}/sandbox/quickbooks`,
    app: { clientId: app.clientId, clientSecret: app.clientSecret, verifierToken: app.verifierToken, redirectUri },
    close: async () => {
      await server.close();
      await close();
      await database.drop();
    },
  };
}

/** Walks the consent page as a user would: approve for `realmId`, and return the redirect's query. */
export async function approveConsent(harness: SandboxHarness, realmId: string, state = "state-123", scope = "com.intuit.quickbooks.accounting"): Promise<URLSearchParams> {
  const form = new URLSearchParams({
    client_id: harness.app.clientId,
    response_type: "code",
    scope,
    redirect_uri: harness.app.redirectUri,
    state,
    realmId,
    decision: "approve",
  });
  const response = await fetch(`${harness.base}/connect/oauth2`, { method: "POST", body: form, redirect: "manual" });
  if (response.status !== 302) throw new Error(`Consent failed: ${response.status} ${await response.text()}`);
  return new URL(response.headers.get("location")!).searchParams;
}

export async function admin(harness: SandboxHarness, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${harness.base}/admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`admin ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Creates a company through the admin API; `demo` seeds the demo data into it. */
export async function createCompanyViaAdmin(harness: SandboxHarness, input: { name?: string; country?: string; demo?: boolean } = {}): Promise<string> {
  return (await admin(harness, "companies", input)).realmId as string;
}
