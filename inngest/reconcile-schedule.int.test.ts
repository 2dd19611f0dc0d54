/**
 * The reconciliation cron, which other tests' stacks leave out: at each slot it asks a pass and a
 * QuickBooks poll for every org with both providers connected and a sync on, and for no other org.
 */
import { like } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../server/db/client";
import { listRuns } from "../server/runtime";
import { events } from "../server/runtime/embedded/schema";
import { initialSyncDone } from "../server/sync/engine/testing";
import { createTestDatabase } from "../server/testing/database";
import { connectNewOrg, eventually, startStack, type Stack } from "../server/testing/stack";
import { quickbooksPollRequested, reconcileRequested } from "./events";
import { workflows } from "./index";

const SLOT_MS = 5 * 60_000;
let offset = 0;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack(await createTestDatabase(), { runtime: { workflows, clock: () => Date.now() + offset } });
}, 120_000);
afterAll(() => stack?.stop());

it("asks a reconciliation pass and a QuickBooks poll of each org with both providers connected and a sync on", async () => {
  const syncing = await connectNewOrg(stack);
  // Connected, no sync on.
  await connectNewOrg(stack);
  const disconnected = await connectNewOrg(stack);
  await syncing.caller.sync.updateSettings({ object: "contacts", enabled: true });
  await disconnected.caller.sync.updateSettings({ object: "contacts", enabled: true });
  await Promise.all([initialSyncDone(syncing.orgId, "contacts", 0), initialSyncDone(disconnected.orgId, "contacts", 0)]);
  await disconnected.caller.connections.disconnect({ provider: "hubspot" });

  // The runtime's clock jumps to just past the next slot of the 5-minute schedule.
  const slot = Math.ceil((Date.now() + 1_000) / SLOT_MS) * SLOT_MS;
  offset = slot + 2_000 - Date.now();
  stack.runtime.wake();
  await eventually(async () => {
    const found = await listRuns(db(), { workflowId: "reconcile-schedule" });
    return found.some((r) => r.status === "completed" && r.event.ts === slot) || undefined;
  }, "the slot's run");

  const asked = await db()
    .select({ name: events.name, data: events.data })
    .from(events)
    .where(like(events.externalId, `%:${slot}`));
  expect(asked.filter((e) => e.name === reconcileRequested.name).map((e) => e.data.orgId)).toEqual([syncing.orgId]);
  expect(asked.filter((e) => e.name === quickbooksPollRequested.name).map((e) => e.data.orgId)).toEqual([syncing.orgId]);
  // The pass it asked for ran.
  await eventually(async () => {
    const passes = await listRuns(db(), { workflowId: "reconcile-org" });
    return passes.some((r) => r.status === "completed" && r.event.id === `reconcile:${syncing.orgId}:${slot}`) || undefined;
  }, "the pass of the syncing org");
});
