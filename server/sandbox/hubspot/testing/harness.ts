import { Client } from "@hubspot/api-client";
import { closeSandboxDb } from "../store/db";
import { handleHubSpotApi } from "../http/api";
import { handleHubSpotAdmin } from "../http/admin";
import { throwawayDatabase } from "../../testing/database";
import { startLoopback, type LoopbackServer, type WebHandler } from "../../testing/loopback";

/** The sandbox on a throwaway database, served over loopback HTTP (same core shape as the QuickBooks sandbox's harness). */
export interface SandboxHarness {
  server: LoopbackServer;
  /** The sandbox mount point, e.g. http://127.0.0.1:1234/sandbox/hubspot */
  base: string;
  apiBase: string;
  admin: <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
}

/** A fresh database and the sandbox API + admin served over loopback HTTP. */
export async function startSandbox(extraRoutes: Record<string, WebHandler> = {}): Promise<SandboxHarness> {
  const database = await throwawayDatabase();
  process.env.DATABASE_URL = database.url;
  const server = await startLoopback({ "/sandbox/hubspot/api": handleHubSpotApi, "/sandbox/hubspot/admin": handleHubSpotAdmin, ...extraRoutes });
  const admin = async <T,>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.origin}/sandbox/hubspot/admin${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    server,
    base: `${server.origin}/sandbox/hubspot`,
    apiBase: `${server.origin}/sandbox/hubspot/api`,
    admin,
    close: async () => {
      await server.close();
      await closeSandboxDb();
      await database.drop();
    },
  };
}

export interface InstalledApp {
  appId: number;
  clientId: string;
  clientSecret: string;
  accountId: number;
  accessToken: string;
  refreshToken: string;
  client: Client;
}

/** Registers an app, creates an account (with `settings`) and installs the app there (no browser). */
export async function installTestApp(h: SandboxHarness, app: Record<string, unknown> = {}, settings: Record<string, unknown> = { timeScale: 1000 }): Promise<InstalledApp> {
  const created = await h.admin<{ appId: number; clientId: string; clientSecret: string }>("POST", "/apps", {
    name: `Test app ${Math.random().toString(36).slice(2)}`,
    redirectUris: ["http://127.0.0.1/callback"],
    ...app,
  });
  const account = await h.admin<{ id: number }>("POST", "/accounts", { name: "Test portal" });
  // A fast clock by default so rate-limit windows never get in the way of tests about other things.
  await h.admin("PATCH", `/accounts/${account.body.id}/settings`, settings);
  const tokens = await h.admin<{ access_token: string; refresh_token: string }>("POST", `/accounts/${account.body.id}/install`, { appId: created.body.appId });
  return {
    ...created.body,
    accountId: account.body.id,
    accessToken: tokens.body.access_token,
    refreshToken: tokens.body.refresh_token,
    client: new Client({ accessToken: tokens.body.access_token, basePath: h.apiBase }),
  };
}

/** The error a client call failed with (the test fails if it succeeded). */
export async function apiError(call: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: number; body: Record<string, unknown> };
  }
  throw new Error("expected the call to fail");
}
