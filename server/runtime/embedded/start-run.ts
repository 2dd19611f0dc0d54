/**
 * Turning a trigger (an event, a cron slot) into a run of one workflow: the flow-control keys are
 * evaluated once, here, from the event; debounced workflows keep one pending run per key whose
 * event is replaced by later ones.
 */
import { sql } from "drizzle-orm";
import type { AnyWorkflow } from "../definition";
import type { RuntimeDatabase } from "./execute";
import { runs } from "./schema";
import { toStoredError } from "./serialize";

export interface TriggeringEvent {
  eventId: string | null;
  name: string;
  data: Record<string, unknown>;
  externalId: string | null;
  ts: number;
}

export async function startRun(tx: RuntimeDatabase, workflow: AnyWorkflow, trigger: TriggeringEvent, now: number): Promise<string | null> {
  // Returns the id of the run started (or the pending debounced run updated), null if none.
  const event = { name: trigger.name, data: trigger.data, ts: trigger.ts, ...(trigger.externalId ? { id: trigger.externalId } : {}) };
  let data: Record<string, unknown>;
  try {
    data = workflow.parseEventData(trigger.data);
  } catch (error) {
    // Sends are validated by `EventDefinition.create`; a raw event that slipped past fails visibly.
    const at = new Date(now);
    await tx
      .insert(runs)
      .values({ workflowId: workflow.id, eventId: trigger.eventId, event, status: "failed", runAt: at, finishedAt: at, error: toStoredError(error) })
      .onConflictDoNothing();
    return null;
  }
  const scope = { data };
  const base = {
    workflowId: workflow.id,
    eventId: trigger.eventId,
    event: { ...event, data },
    concurrencyKey: workflow.concurrency ? (workflow.concurrency.key?.evaluate(scope) ?? "") : null,
    throttleKey: workflow.throttle ? (workflow.throttle.key?.evaluate(scope) ?? "") : null,
  };
  const debounce = workflow.debounce;
  if (!debounce) {
    const [run] = await tx.insert(runs).values({ ...base, runAt: new Date(now) }).onConflictDoNothing().returning({ id: runs.id });
    return run?.id ?? null;
  }
  const debounceKey = debounce.key?.evaluate(scope) ?? "";
  const runAt = new Date(now + debounce.periodMs);
  const deadline = debounce.timeoutMs === null ? null : new Date(now + debounce.timeoutMs);
  // Events may be fanned out out of order; only a newer event replaces the pending one.
  const upserted = await tx.execute<{ id: string }>(sql`
    insert into runtime.runs (workflow_id, event_id, event, concurrency_key, throttle_key, debounce_key, debounce_deadline, run_at)
    values (${base.workflowId}, ${base.eventId}, ${JSON.stringify(base.event)}::jsonb, ${base.concurrencyKey}, ${base.throttleKey},
            ${debounceKey}, ${deadline?.toISOString() ?? null}::timestamptz, ${runAt.toISOString()}::timestamptz)
    on conflict (workflow_id, debounce_key) where status = 'queued' and debounce_key is not null and started_at is null
    do update set
      event = excluded.event,
      event_id = excluded.event_id,
      concurrency_key = excluded.concurrency_key,
      throttle_key = excluded.throttle_key,
      run_at = case when runs.debounce_deadline is null then excluded.run_at else least(excluded.run_at, runs.debounce_deadline) end
    where (runs.event->>'ts')::bigint <= (excluded.event->>'ts')::bigint
    returning id`);
  return upserted[0]?.id ?? null;
}
