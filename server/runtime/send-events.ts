import type { RuntimeEvent } from "./definition";
import { enqueueEvents } from "./embedded/enqueue";
import type { SqlRunner } from "./embedded/database";
import { InvalidEventError } from "./errors";
import { inngestClient } from "./inngest-executor/singleton";
import { env } from "../env";
import { db } from "../db/client";

export interface SendEventsOptions {
  /**
   * A Drizzle transaction (or database) to write the events with. With the embedded executor the
   * runs they start commit or roll back with it (outbox). Inngest can't join a transaction: there
   * the events are sent at once, so send after committing what the runs will read.
   */
  tx?: SqlRunner;
}

function assertWellFormed(events: readonly RuntimeEvent[]): void {
  for (const event of events) {
    const name = typeof event?.name === "string" ? event.name : "";
    if (!name) throw new InvalidEventError("(unnamed)", ["an event needs a name"]);
    if (event.data === null || typeof event.data !== "object" || Array.isArray(event.data)) {
      throw new InvalidEventError(name, ["data must be an object"]);
    }
    if (event.id !== undefined && (typeof event.id !== "string" || event.id.length === 0)) {
      throw new InvalidEventError(name, ["id must be a non-empty string"]);
    }
  }
}

/**
 * Sends events to whichever executor `SYNC_RUNTIME` selects. Build events with an
 * `EventDefinition.create(...)` so their data is validated; an `id` makes the send idempotent.
 */
export async function sendEvents(events: RuntimeEvent | readonly RuntimeEvent[], options: SendEventsOptions = {}): Promise<void> {
  const batch = Array.isArray(events) ? [...(events as readonly RuntimeEvent[])] : [events as RuntimeEvent];
  assertWellFormed(batch);
  if (batch.length === 0) return;
  if (env().SYNC_RUNTIME === "inngest") {
    await inngestClient().send(batch.map((e) => ({ name: e.name, data: e.data, ...(e.id ? { id: e.id } : {}), ...(e.ts ? { ts: e.ts } : {}) })));
    return;
  }
  await enqueueEvents(options.tx ?? db(), batch, Date.now());
}
