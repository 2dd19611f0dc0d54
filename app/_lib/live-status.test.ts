import { describe, expect, it } from "vitest";
import { syncsRunning } from "./live-status";

const counts = { synced: 0, failed: 0, excluded: 0, pending: 0 };
const finished = { running: false, progress: { startedAt: "2026-11-29T10:00:00Z", finishedAt: "2026-11-29T10:00:01Z", pages: 1, read: 0, created: 0, updated: 0, linked: 0, unchanged: 0, excluded: 0, failed: 0 } };

describe("syncs running", () => {
  it("are not, when a switched-on object has no records and its initial sync finished", () => {
    expect(syncsRunning([{ enabled: true, counts: { ...counts, synced: 4 }, initialSync: finished }, { enabled: true, counts, initialSync: finished }])).toBe(false);
  });

  it("are, while an initial sync is still to finish or records wait, on a switched-on object only", () => {
    expect(syncsRunning([{ enabled: true, counts, initialSync: { running: true, progress: null } }])).toBe(true);
    expect(syncsRunning([{ enabled: true, counts: { ...counts, pending: 2 }, initialSync: finished }])).toBe(true);
    expect(syncsRunning([{ enabled: false, counts: { ...counts, pending: 2 }, initialSync: { running: true, progress: null } }])).toBe(false);
    expect(syncsRunning(undefined)).toBe(false);
  });
});
