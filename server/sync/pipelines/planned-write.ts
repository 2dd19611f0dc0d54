import type { HubSpotObject, HubSpotObjectType } from "../../providers/hubspot/types";
import type { SyncContext } from "../context";
import { SyncError } from "../errors";
import { ensureLink, type RecordLink } from "../links";
import { summarize, type BatchSummary, type RecordOutcome } from "./outcome";
import { recordFailure } from "./record-failure";

/**
 * A HubSpot write a pipeline has decided on but not made yet, so that one record can write at once
 * and an initial sync can send hundreds in a few batch calls. `finish` records the result.
 */
export interface PlannedWrite {
  link: RecordLink;
  operation: "create" | "update";
  id?: string;
  properties: Record<string, string>;
  finish(written: HubSpotObject): Promise<RecordOutcome>;
}

export type Plan = { outcome: RecordOutcome } | { write: PlannedWrite };

/** Makes one planned write and records it. */
export async function executeWrite(ctx: SyncContext, type: HubSpotObjectType, write: PlannedWrite): Promise<RecordOutcome> {
  const written =
    write.operation === "create" ? await ctx.hubspot.createObject(type, write.properties) : await ctx.hubspot.updateObject(type, write.id!, write.properties);
  return write.finish(written);
}

/**
 * Runs many plans with HubSpot's batch API (100 records a call). A record the batch refused is
 * retried on its own through `single`, which knows how to recover (e.g. a contact that exists).
 */
export async function runPlansInBatches(
  ctx: SyncContext,
  type: HubSpotObjectType,
  plans: Plan[],
  single: (link: RecordLink) => Promise<RecordOutcome>,
): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = [];
  const writes = { create: [] as PlannedWrite[], update: [] as PlannedWrite[] };
  for (const plan of plans) {
    if ("outcome" in plan) outcomes.push(plan.outcome);
    else writes[plan.write.operation].push(plan.write);
  }
  for (const operation of ["create", "update"] as const) {
    if (writes[operation].length === 0) continue;
    const results = await ctx.hubspot.batchWrite(
      type,
      operation,
      writes[operation].map((w) => ({ traceId: w.link.id, id: w.id, properties: w.properties })),
    );
    for (const write of writes[operation]) {
      const result = results.get(write.link.id);
      if (!result || result instanceof Error) {
        outcomes.push(await single(write.link));
        continue;
      }
      try {
        outcomes.push(await write.finish(result));
      } catch (error) {
        outcomes.push(await recordFailure(ctx.db, write.link, "hubspot", error, ctx.runId));
      }
    }
  }
  return outcomes;
}

/** How one kind of QuickBooks record goes to HubSpot, for `syncAllToHubSpot`. */
export interface ToHubSpotPipeline<R extends { Id: string }> {
  object: "contacts" | "products";
  label(record: R): string;
  /** What it is matched on (email, SKU); two records of one pass may not claim the same. */
  matchKey(record: R): string | null;
  plan(record: R): Promise<Plan>;
  /** Syncs one record on its own (used for the records a batch refused). */
  single(record: R): Promise<RecordOutcome>;
}

/** Plans every record, then makes the HubSpot writes in batches; a record that fails planning fails alone. */
export async function syncAllToHubSpot<R extends { Id: string }>(ctx: SyncContext, pipeline: ToHubSpotPipeline<R>, records: R[]): Promise<BatchSummary> {
  const byId = new Map(records.map((record) => [record.Id, record]));
  const claimedBy = new Map<string, R>();
  const plans: Plan[] = [];
  for (const record of records) {
    try {
      const key = pipeline.matchKey(record)?.toLowerCase();
      const claimant = key ? claimedBy.get(key) : undefined;
      if (claimant) {
        throw new SyncError("DUPLICATE_MATCH", `“${pipeline.label(claimant)}” has the same ${pipeline.object === "contacts" ? "email" : "SKU"} and is synced first.`);
      }
      const plan = await pipeline.plan(record);
      if (key && !("outcome" in plan && plan.outcome.status === "excluded")) claimedBy.set(key, record);
      plans.push(plan);
    } catch (error) {
      const link = await ensureLink(ctx.db, ctx.orgId, pipeline.object, "quickbooks", record.Id, pipeline.label(record));
      plans.push({ outcome: await recordFailure(ctx.db, link, "hubspot", error, ctx.runId) });
    }
  }
  const outcomes = await runPlansInBatches(ctx, pipeline.object, plans, (link) => pipeline.single(byId.get(link.quickbooksId!)!));
  return summarize(outcomes);
}
