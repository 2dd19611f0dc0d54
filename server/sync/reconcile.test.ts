import { describe, expect, it } from "vitest";
import { nextCursor, startFrom } from "./reconcile";

const now = Date.parse("2026-11-29T12:00:00.000Z");
const minutes = (n: number) => n * 60_000;

describe("reconciliation cursors", () => {
  it("carry on strictly after the cut of a capped read, without the overlap, so a window of 10,000+ changes never stalls", () => {
    const cut = "2026-11-29T11:50:00.000Z";
    const cursor = nextCursor({ capped: true, resumeAfter: cut }, now);
    expect(startFrom(cursor, null, now + minutes(5)).toISOString()).toBe("2026-11-29T11:50:00.001Z");
  });

  it("start the next pass two minutes before the last one's start after a full read", () => {
    const cursor = nextCursor({ capped: false }, now);
    expect(cursor).toBe("2026-11-29T12:00:00.000Z");
    expect(startFrom(cursor, null, now + minutes(5)).toISOString()).toBe("2026-11-29T11:58:00.000Z");
  });

  it("never reach back before the sync's start, though a pass soon after it looks back two minutes", () => {
    const startedAt = new Date("2026-11-29T11:59:10.000Z");
    const cursor = nextCursor({ capped: false }, now);
    // Less a few seconds: QuickBooks stamps changes to the second.
    expect(startFrom(cursor, startedAt, now + minutes(5)).toISOString()).toBe("2026-11-29T11:59:05.000Z");
    expect(startFrom(cursor, startedAt, now + minutes(5) + minutes(2)).toISOString()).toBe("2026-11-29T11:59:05.000Z");
    expect(startFrom(nextCursor({ capped: false }, now + minutes(5)), startedAt, now + minutes(10)).toISOString()).toBe("2026-11-29T12:03:00.000Z");
  });

  it("start the first pass at the sync's start, or a day back without one, and never before CDC's 30 days", () => {
    expect(startFrom(undefined, new Date("2026-11-29T08:00:00.000Z"), now).toISOString()).toBe("2026-11-29T07:59:55.000Z");
    expect(startFrom(undefined, null, now).toISOString()).toBe("2026-11-28T12:00:00.000Z");
    expect(startFrom("2026-09-01T00:00:00.000Z", null, now).toISOString()).toBe("2026-10-30T12:01:00.000Z");
  });
});
