import type { HubSpotObject, HubSpotObjectType } from "../../providers/hubspot/types";
import type { SyncContext } from "../context";
import type { RecordLink } from "../links";
import type { RecordOutcome } from "./outcome";

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
      outcomes.push(result && !(result instanceof Error) ? await write.finish(result) : await single(write.link));
    }
  }
  return outcomes;
}
