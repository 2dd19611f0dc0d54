/**
 * The whole world on one machine, for integration tests of the sync: a fresh database, the sandbox
 * HubSpot and QuickBooks served over loopback HTTP next to Tandem's webhook endpoints, Tandem's
 * dev apps registered in both sandboxes, their webhook dispatchers, and the embedded workflow
 * runtime running the real workflows. Everything Tandem does goes over HTTP, as in production.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { workflows } from "../../inngest";
import { HubSpotClient } from "../providers/hubspot/client";
import { saveConnection } from "../connections/save-connection";
import { completeConnection } from "../connections/complete-connection";
import { startConnection } from "../connections/start-connection";
import { startEmbeddedRuntime, type EmbeddedRuntime, type EmbeddedRuntimeOptions } from "../runtime";
import { handleHubSpotAdmin } from "../sandbox/hubspot/http/admin";
import { handleHubSpotApi } from "../sandbox/hubspot/http/api";
import { ensureDevApp as ensureHubSpotDevApp } from "../sandbox/hubspot/dev-app";
import { startLoopback, type LoopbackServer, type WebHandler } from "../sandbox/testing/loopback";
import { startWebhookDispatcher as startHubSpotDispatcher } from "../sandbox/hubspot/webhooks/dispatcher";
import { sandboxDb as quickbooksSandboxDb } from "../sandbox/quickbooks/store/db";
import { ensureDevApp as ensureQuickBooksDevApp } from "../sandbox/quickbooks/dev-app";
import { createSandboxHandlers as createQuickBooksHandlers } from "../sandbox/quickbooks/http/handlers";
import { startWebhookDispatcher as startQuickBooksDispatcher } from "../sandbox/quickbooks/webhooks/dispatcher";
import { receiveHubSpotWebhook, receiveQuickBooksWebhook } from "../webhooks/receive";
import { callerFor, signUpOrg } from "./accounts";
import { db as appDb } from "../db/client";
import { describeForLog } from "../log-safe-error";
import { TEST_RUNTIME_SETTINGS } from "./runtime-settings";

/** A database of the stack's own (tests pass `createTestDatabase()`; the benchmarks their own). */
export interface StackDatabase {
  url: string;
  drop: () => Promise<void>;
}

export interface Stack {
  origin: string;
  /** Requests served per route prefix: what Tandem asked of each provider. */
  requestCounts: Map<string, number>;
  /** Milliseconds spent answering per route prefix (until the response is built, not streamed). */
  requestMs: Map<string, number>;
  /** Called with each request's route prefix before it is answered (the bench tells calls apart by URL). */
  requestListeners: Set<(prefix: string, request: Request) => void>;
  runtime: EmbeddedRuntime;
  /**
   * Simulates a crash of the workflow runtime: stops it without waiting for the runs in flight
   * (their leases stay until they expire, as after a killed process) and starts a new one with the
   * same options, which takes those runs over once their leases run out.
   */
  restartRuntime(): Promise<void>;
  /** Moves the workflows to a worker process of its own (the in-process runtime stops), which `killWorker` can kill for real. */
  runtimeInWorker(): Promise<void>;
  /** SIGKILLs the worker process wherever its runs are, as a crash would, and starts another (which takes them over once their leases expire). */
  killWorker(): Promise<void>;
  hubspotApp: { appId: number; clientId: string; clientSecret: string };
  quickbooksApp: { clientId: string; clientSecret: string; verifierToken: string };
  /** The sandboxes' admin APIs (not part of the providers' APIs: faults, clocks, installs). */
  hubspotAdmin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  quickbooksAdmin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface StackOrg {
  orgId: string;
  userId: string;
  hubspotPortalId: string;
  realmId: string;
}

function counted(
  counts: Map<string, number>,
  routes: Record<string, WebHandler>,
  times: Map<string, number>,
  listeners: Set<(prefix: string, request: Request) => void>,
): Record<string, WebHandler> {
  return Object.fromEntries(
    Object.entries(routes).map(([prefix, handler]) => [
      prefix,
      async (request: Request) => {
        counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
        for (const listener of listeners) listener(prefix, request);
        const started = performance.now();
        try {
          return await handler(request);
        } finally {
          times.set(prefix, (times.get(prefix) ?? 0) + performance.now() - started);
        }
      },
    ]),
  );
}

export interface StackOptions {
  runtimeConcurrency?: number;
  /**
   * "test" (the default): 100 ms polling, short backoff, QuickBooks webhooks every 50 ms, runtime
   * errors swallowed, no reconciliation cron (tests request their passes). "production": the
   * runtime as `npm start` starts it (its defaults: 1 s polling, the default backoff, errors logged)
   * and the dispatchers at their own defaults (QuickBooks' webhook window included: 60 s unless
   * SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS says).
   */
  settings?: "test" | "production";
  /** Over the test settings: e.g. every workflow, the reconciliation cron included, on a clock the test moves. */
  runtime?: Pick<EmbeddedRuntimeOptions, "workflows" | "clock">;
}

async function startRuntimeWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "runtime-worker.ts")], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.once("exit", (code, signal) => reject(new Error(`The runtime worker exited (${signal ?? code}) before it was ready`)));
  });
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

export async function startStack(database: StackDatabase, options: StackOptions = {}): Promise<Stack> {
  const production = options.settings === "production";
  process.env.DATABASE_URL = database.url;
  // The sandbox QuickBooks batches webhooks per company over a window (60 s by default, as slow as
  // production); a short one keeps tests quick while still sending several changes per POST.
  if (!production) process.env.SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS ??= "300";
  const quickbooksDb = quickbooksSandboxDb();
  const quickbooks = createQuickBooksHandlers(quickbooksDb);
  const requestCounts = new Map<string, number>();
  const requestMs = new Map<string, number>();
  const requestListeners = new Set<(prefix: string, request: Request) => void>();
  const server: LoopbackServer = await startLoopback(
    counted(requestCounts, {
      "/sandbox/hubspot/api": handleHubSpotApi,
      "/sandbox/hubspot/admin": handleHubSpotAdmin,
      "/sandbox/quickbooks/v3": quickbooks.api,
      "/sandbox/quickbooks/admin": quickbooks.admin,
      "/sandbox/quickbooks": quickbooks.oauth,
      "/api/webhooks/hubspot": (request) => receiveHubSpotWebhook(appDb(), request),
      "/api/webhooks/quickbooks": (request) => receiveQuickBooksWebhook(appDb(), request),
    }, requestMs, requestListeners),
  );
  const origin = server.origin;
  const hubspotApp = await ensureHubSpotDevApp({ appUrl: origin });
  const quickbooksApp = await ensureQuickBooksDevApp({ appUrl: origin });
  // Read by the env module on first use; nothing in the product has read it yet.
  Object.assign(process.env, {
    APP_URL: origin,
    HUBSPOT_APP_ID: String(hubspotApp.appId),
    HUBSPOT_CLIENT_ID: hubspotApp.clientId,
    HUBSPOT_CLIENT_SECRET: hubspotApp.clientSecret,
    HUBSPOT_BASE_URL: `${origin}/sandbox/hubspot/api`,
    HUBSPOT_AUTHORIZE_URL: `${origin}/sandbox/hubspot/oauth/authorize`,
    QUICKBOOKS_CLIENT_ID: quickbooksApp.clientId,
    QUICKBOOKS_CLIENT_SECRET: quickbooksApp.clientSecret,
    QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN: quickbooksApp.verifierToken,
    QUICKBOOKS_BASE_URL: `${origin}/sandbox/quickbooks`,
  });
  const stopHubSpotDispatcher = startHubSpotDispatcher();
  const quickbooksDispatcher = startQuickBooksDispatcher(production ? {} : { intervalMs: 50 });
  const runtimeOptions: EmbeddedRuntimeOptions =
    production
      ? { databaseUrl: database.url, workflows, concurrency: options.runtimeConcurrency, onError: (error) => console.error(`[runtime] ${describeForLog(error)}`) }
      : {
          databaseUrl: database.url,
          concurrency: options.runtimeConcurrency,
          ...TEST_RUNTIME_SETTINGS,
          ...options.runtime,
        };
  let runtime = await startEmbeddedRuntime(runtimeOptions);
  let worker: ChildProcess | null = null;

  const admin = (sandbox: "hubspot" | "quickbooks") => async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${origin}/sandbox/${sandbox}/admin${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${sandbox} admin ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  return {
    origin,
    requestCounts,
    requestMs,
    requestListeners,
    get runtime() {
      return runtime;
    },
    restartRuntime: async () => {
      await runtime.stop({ graceMs: 0 });
      runtime = await startEmbeddedRuntime(runtimeOptions);
    },
    runtimeInWorker: async () => {
      if (production) throw new Error("A runtime worker process runs with the test settings only");
      await runtime.stop({ graceMs: 2_000 });
      worker = await startRuntimeWorker();
    },
    killWorker: async () => {
      if (!worker) throw new Error("No runtime worker process to kill: call runtimeInWorker first");
      await killed(worker);
      worker = await startRuntimeWorker();
    },
    hubspotApp,
    quickbooksApp,
    hubspotAdmin: admin("hubspot"),
    quickbooksAdmin: admin("quickbooks"),
    stop: async () => {
      if (worker) await killed(worker);
      await runtime.stop({ graceMs: 2_000 });
      await stopHubSpotDispatcher();
      await quickbooksDispatcher.stop();
      await server.close();
      await database.drop();
    },
  };
}

let orgCounter = 0;

/**
 * Signs up a new org and connects a fresh HubSpot account and a fresh QuickBooks company to it —
 * or the accounts of `shareWith`, when two orgs are to share them.
 */
export async function connectNewOrg(
  stack: Stack,
  options: { companyCountry?: string; shareWith?: StackOrg } = {},
): Promise<StackOrg & { caller: ReturnType<typeof callerFor> }> {
  orgCounter += 1;
  const db = appDb();
  const { orgId, userId } = await signUpOrg(db, `Stack Org ${orgCounter}`);

  // QuickBooks: through the product's OAuth flow and the sandbox's consent form (a new company).
  const { url } = await startConnection(db, { orgId, userId, provider: "quickbooks", replace: false });
  const consent = new URL(url);
  const form = new URLSearchParams(consent.searchParams);
  form.set("decision", "approve");
  form.set("realmId", options.shareWith?.realmId ?? "new");
  form.set("companyName", `Stack Books ${orgCounter}`);
  form.set("country", options.companyCountry ?? "US");
  const approved = await fetch(url, { method: "POST", body: form, redirect: "manual" });
  const callback = new URL(approved.headers.get("location")!);
  const completed = await completeConnection(db, { provider: "quickbooks", userId, params: callback.searchParams });
  if (!completed.ok) throw new Error(`QuickBooks connection failed: ${completed.code}`);

  // HubSpot: a new portal with Tandem's dev app installed through the sandbox admin.
  const account = options.shareWith
    ? { id: Number(options.shareWith.hubspotPortalId) }
    : await stack.hubspotAdmin<{ id: number }>("POST", "/accounts", { name: `Stack Portal ${orgCounter}` });
  const tokens = await stack.hubspotAdmin<{ access_token: string; refresh_token: string; expires_in: number }>(
    "POST",
    `/accounts/${account.id}/install`,
    { appId: stack.hubspotApp.appId },
  );
  await saveConnection(db, {
    orgId,
    userId,
    provider: "hubspot",
    replaceExisting: false,
    authorized: {
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: new Date(Date.now() + tokens.expires_in * 1000),
        scopes: null,
      },
      account: { id: String(account.id), name: `Stack Portal ${orgCounter}` },
    },
  });

  return {
    orgId,
    userId,
    hubspotPortalId: String(account.id),
    realmId: callback.searchParams.get("realmId")!,
    caller: callerFor(db, userId),
  };
}

/**
 * A HubSpot client acting for someone other than Tandem (another app installed in the org's
 * portal): its writes come back as notifications Tandem must act on, unlike Tandem's own.
 */
export async function hubspotAsSomeoneElse(stack: Stack, org: StackOrg): Promise<HubSpotClient> {
  const app = await stack.hubspotAdmin<{ appId: number }>("POST", "/apps", {
    name: `Another integration ${Math.random().toString(36).slice(2)}`,
    redirectUris: ["http://127.0.0.1/elsewhere"],
  });
  const tokens = await stack.hubspotAdmin<{ access_token: string }>("POST", `/accounts/${org.hubspotPortalId}/install`, { appId: app.appId });
  return new HubSpotClient({
    baseUrl: `${stack.origin}/sandbox/hubspot/api`,
    connectionId: `someone-else-${app.appId}`,
    tokens: { current: async () => tokens.access_token, afterRejection: async () => tokens.access_token },
  });
}

/** Polls until `check` returns a value (not a timing assertion: it only bounds how long a test may hang). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
