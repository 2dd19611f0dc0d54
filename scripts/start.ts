/**
 * `npm start` / `npm run dev`: everything a fresh clone needs, in one process — dev secrets, the
 * embedded PostgreSQL (unless DATABASE_URL is set), migrations, a production build when stale,
 * then the Next.js server. Ctrl-C stops the workflow runtime, the server and, last, PostgreSQL
 * (which runs in its own process group, so the terminal's signal doesn't stop it first).
 */
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrate";
import { PostgresUnreachableError } from "../server/db/postgres-user";
import { loadDevSecrets } from "../server/dev-secrets";
import { buildIfStale } from "./build-if-stale";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const shutdownTasks: Array<() => Promise<unknown>> = [];

let stopping = false;

async function shutdown(code: number): Promise<void> {
  // One stop at a time: a signal can arrive twice (the terminal signals tsx and this process, and
  // tsx may relay it again), and a second stop must not cut the first one short.
  if (stopping) return;
  stopping = true;
  for (const task of shutdownTasks.reverse()) await task().catch((e: unknown) => console.error(e));
  process.exit(code);
}

async function main() {
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" });
  const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
  mkdirSync(dataDir, { recursive: true });
  process.env.DATA_DIR = dataDir;
  loadDevSecrets(dataDir);

  if (!process.env.DATABASE_URL) {
    const embedded: EmbeddedDatabase = await startEmbeddedPostgres(path.join(dataDir, "postgres"));
    shutdownTasks.push(embedded.stop);
    process.env.DATABASE_URL = await ensureDatabase(embedded.url, "tandem");
    console.log(`Embedded PostgreSQL started (data in ${path.relative(root, dataDir) || "."}/postgres).`);
  }
  const port = Number(process.env.PORT ?? 3000);
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;

  await applyMigrations(process.env.DATABASE_URL, root);

  // No QuickBooks credentials: use the sandbox QuickBooks Online served by this app, with its dev app registered.
  if (!process.env.QUICKBOOKS_CLIENT_ID) {
    const { ensureDevApp } = await import("../server/sandbox/quickbooks/dev-app");
    const { startWebhookDispatcher } = await import("../server/sandbox/quickbooks/webhooks/dispatcher");
    const quickbooks = await ensureDevApp({ appUrl: process.env.APP_URL });
    Object.assign(process.env, {
      QUICKBOOKS_CLIENT_ID: quickbooks.clientId,
      QUICKBOOKS_CLIENT_SECRET: quickbooks.clientSecret,
      QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN: quickbooks.verifierToken,
      QUICKBOOKS_BASE_URL: `${process.env.APP_URL}/sandbox/quickbooks`,
    });
    const quickbooksWebhooks = startWebhookDispatcher();
    shutdownTasks.push(() => quickbooksWebhooks.stop());
  }

  // No HubSpot credentials: use the sandbox HubSpot served by this app, with its dev app registered.
  if (!process.env.HUBSPOT_CLIENT_ID) {
    const { ensureDevApp } = await import("../server/sandbox/hubspot/dev-app");
    const { startWebhookDispatcher } = await import("../server/sandbox/hubspot/webhooks/dispatcher");
    const hubspot = await ensureDevApp({ appUrl: process.env.APP_URL });
    Object.assign(process.env, {
      HUBSPOT_APP_ID: String(hubspot.appId),
      HUBSPOT_CLIENT_ID: hubspot.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.clientSecret,
      HUBSPOT_BASE_URL: `${process.env.APP_URL}/sandbox/hubspot/api`,
      HUBSPOT_AUTHORIZE_URL: `${process.env.APP_URL}/sandbox/hubspot/oauth/authorize`,
    });
    shutdownTasks.push(startWebhookDispatcher());
  }

  if (!dev) buildIfStale(root);
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    // The socket's address, which a client cannot forge (X-Forwarded-For it can): the sandboxes'
    // admin APIs answer callers on this machine by it. Set here so a client's own value is replaced.
    req.headers["x-tandem-peer-address"] = req.socket.remoteAddress ?? "";
    void handle(req, res);
  });
  // Longer than the idle time after which clients and proxies still reuse a connection (60 s on
  // common load balancers): with Node's 5 s, a request sent just as the server closed its idle
  // socket failed with ECONNRESET (an e2e test's token request did, 5 s after its first request).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, process.env.HOST, resolve);
  });
  shutdownTasks.push(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  );
  shutdownTasks.push(() => app.close());
  if ((process.env.SYNC_RUNTIME ?? "embedded") === "embedded") {
    const { startEmbeddedRuntime } = await import("../server/runtime");
    const { workflows } = await import("../inngest");
    const { describeForLog } = await import("../server/log-safe-error");
    const runtime = await startEmbeddedRuntime({
      databaseUrl: process.env.DATABASE_URL,
      workflows,
      onError: (error) => console.error(`[runtime] ${describeForLog(error)}`),
    });
    // Stops claiming first; in-flight steps get a few seconds, the rest resume elsewhere after their lease.
    shutdownTasks.push(() => runtime.stop({ graceMs: 5_000 }));
  }
  console.log(`\nTandem is running at ${process.env.APP_URL}\n`);
}

// `on`, not `once`: with no listener left, a repeated signal would kill the process mid-stop and
// leave PostgreSQL (in its own process group) running.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void shutdown(0));
}

/** What to tell a person when starting failed: one sentence for the failures they can fix, else the error. */
function startFailure(error: unknown): unknown {
  if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") return `Port ${process.env.PORT ?? 3000} is in use; set PORT to another one.`;
  if (error instanceof PostgresUnreachableError) return error.message;
  return error;
}

main().catch(async (error: unknown) => {
  console.error(startFailure(error));
  await shutdown(1);
});
