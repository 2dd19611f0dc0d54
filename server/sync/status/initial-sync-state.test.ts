import { describe, expect, it } from "vitest";
import { initialSyncUnderway } from "./initial-sync-state";

const progress = { startedAt: "2026-11-29T10:00:00.000Z", pages: 1, read: 0, created: 0, updated: 0, linked: 0, unchanged: 0, excluded: 0, failed: 0 };

describe("an initial sync underway", () => {
  it("is one switched on and not begun yet, or running", () => {
    expect(initialSyncUnderway({ enabled: true, initialSyncRunId: null, initialSyncProgress: null })).toBe(true);
    expect(initialSyncUnderway({ enabled: true, initialSyncRunId: "run-1", initialSyncProgress: progress })).toBe(true);
  });

  it("is not one that finished, even with nothing found, nor a sync that is off", () => {
    expect(initialSyncUnderway({ enabled: true, initialSyncRunId: null, initialSyncProgress: { ...progress, finishedAt: "2026-11-29T10:00:01.000Z" } })).toBe(false);
    expect(initialSyncUnderway({ enabled: false, initialSyncRunId: null, initialSyncProgress: null })).toBe(false);
  });
});
