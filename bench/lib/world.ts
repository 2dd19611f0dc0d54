/**
 * The bench's world: its own embedded PostgreSQL, the stack as `npm start` runs it (production
 * runtime settings, sandboxes with their real limits and webhook delivery), and a tally of the
 * provider calls Tandem makes.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { callKind } from "../../server/testing/provider-calls";
import type { Stack } from "../../server/testing/stack";

export type Org = Awaited<ReturnType<typeof import("../../server/testing/stack").connectNewOrg>>;

/** Provider API calls by provider; CDC reads (Tandem's QuickBooks poll and reconciliation) apart. */
export interface CallCounts {
  hubspot: number;
  quickbooks: number;
  quickbooksCdc: number;
  total: number;
}

export interface CallTally {
  read(): CallCounts;
  stop(): CallCounts;
  /** Calls per kind ("HubSpot POST /crm/v3/objects/invoices/batch/create"), most first. */
  byKind(): Record<string, number>;
}

export interface World {
  stack: Stack;
  /** Counts the provider calls made from now until `stop` (the bench's own edits go through the sandboxes' stores, not their APIs). */
  tallyCalls(): CallTally;
}

export async function withWorld<T>(fn: (world: World) => Promise<T>): Promise<T> {
  const { ensureDatabase, startEmbeddedPostgres } = await import("../../server/db/embedded");
  const { applyMigrations } = await import("../../server/db/migrate");
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-bench-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false, durable: false });
  try {
    const url = await ensureDatabase(server.url, "bench");
    await applyMigrations(url);
    const { startStack } = await import("../../server/testing/stack");
    const stack = await startStack({ url, drop: async () => {} }, { settings: "production" });
    try {
      return await fn({ stack, tallyCalls: () => tally(stack) });
    } finally {
      await stack.stop();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function tally(stack: Stack): CallTally {
  const counts: CallCounts = { hubspot: 0, quickbooks: 0, quickbooksCdc: 0, total: 0 };
  const kinds = new Map<string, number>();
  const listener = (prefix: string, request: Request) => {
    const pathname = new URL(request.url).pathname;
    let kind: string;
    if (prefix === "/sandbox/hubspot/api" && !pathname.includes("/oauth/")) {
      counts.hubspot++;
      kind = callKind("HubSpot", request);
    } else if (prefix === "/sandbox/quickbooks/v3") {
      if (pathname.endsWith("/cdc")) counts.quickbooksCdc++;
      else counts.quickbooks++;
      kind = callKind("QuickBooks", request);
    } else return;
    counts.total++;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  stack.requestListeners.add(listener);
  return {
    read: () => ({ ...counts }),
    byKind: () => Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1])),
    stop: () => {
      stack.requestListeners.delete(listener);
      return { ...counts };
    },
  };
}
