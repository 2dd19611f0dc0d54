/**
 * HubSpot's search stops paging at 10,000 results, and an import or Tandem's own initial sync
 * changes more records than that inside one reconciliation window. Through the sandbox over HTTP,
 * with its real cap: successive passes read every changed record once, never stalling at the cap.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../testing/database";
import { seedContacts } from "../../testing/hubspot-seed";
import { connectNewOrg, startStack, type Stack } from "../../testing/stack";
import { nextCursor, startFrom } from "../reconcile";
import { loadObjectEnv } from "./object-env";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

const sorted = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

it("reads 10,350 contacts changed in one window in two passes: the first, cut at the cap, takes every contact stamped at the cut's instant; the next starts right after it", async () => {
  const org = await connectNewOrg(stack);
  const since = new Date(Date.now() - 1_000);
  const early = await seedContacts(stack, org, 9_900, "Early");
  // One write: 250 contacts stamped at one instant, across which the 10,000th result falls.
  const atTheCut = await seedContacts(stack, org, 250, "Cut");
  const late = await seedContacts(stack, org, 200, "Late");
  const hubspot = (await loadObjectEnv(db(), org.orgId, "contacts")).adapters.hubspot;

  const first = await hubspot.changedSince(since);
  const firstIds = first.records.map((r) => r.id);
  expect(first.capped).toBe(true);
  expect(new Set(firstIds).size).toBe(firstIds.length);
  expect(sorted(firstIds)).toEqual(sorted([...early, ...atTheCut]));
  const cursor = nextCursor(first, Date.now());
  expect(cursor).toMatch(/^after:/);

  const second = await hubspot.changedSince(startFrom(cursor, null, Date.now()));
  expect(second.capped).toBe(false);
  expect(sorted(second.records.map((r) => r.id))).toEqual(sorted(late));
}, 600_000);
