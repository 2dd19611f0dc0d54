import { describe, expect, it, vi } from "vitest";
import type { StepTools } from "../server/runtime";

const syncRecord = vi.hoisted(() => vi.fn());
vi.mock("../server/sync/sync-record", () => ({ syncRecord }));
vi.mock("../server/db/client", () => ({ db: () => ({}) }));

const { default: handler } = await import("./sync-record.handler");

/** Steps that run at once and record their ids and sleeps, as an executor replaying nothing would. */
function recordingSteps() {
  const ids: string[] = [];
  const sleeps: unknown[] = [];
  const step = {
    run: async (id: string, fn: () => unknown) => (ids.push(id), fn()),
    sleep: async (id: string, duration: unknown) => void (ids.push(id), sleeps.push(duration)),
    sendEvent: async () => ({ ids: [] }),
  } as unknown as StepTools;
  return { step, ids, sleeps };
}

const event = { name: "sync/record.changed", data: { orgId: "org", object: "contacts", side: "hubspot", recordId: "1" } };

describe("the sync-record workflow during an initial sync", () => {
  it("waits as long as the initial sync runs, 3 s doubling to 15 s between looks, then syncs the change", async () => {
    const busyLooks = 8;
    syncRecord.mockReset();
    for (let i = 0; i < busyLooks; i++) syncRecord.mockResolvedValueOnce({ status: "busy" });
    syncRecord.mockResolvedValueOnce({ status: "synced" });
    const { step, ids, sleeps } = recordingSteps();

    const result = await handler({ event, step, runId: "run-1", attempt: 0 } as never);

    expect(result).toEqual({ status: "synced" });
    expect(syncRecord).toHaveBeenCalledTimes(busyLooks + 1);
    expect(sleeps).toEqual(["3s", "6s", "12s", "15s", "15s", "15s", "15s", "15s"]);
    // Every step id is new, so a replay finds each look's stored answer instead of the first one's.
    expect(new Set(ids).size).toBe(ids.length);
  });
});
