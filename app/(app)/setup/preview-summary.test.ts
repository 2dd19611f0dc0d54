import { describe, expect, it } from "vitest";
import { namedRecords, previewCoverage } from "./preview-summary";

const counts = { create: 150, link: 60, update: 0, unchanged: 40, exclude: 5, fail: 0 };
const item = { action: "create" as const, side: "quickbooks" as const, id: "1", label: "A", counterpartId: null, changes: [], reason: null, error: null };
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ ...item, id: String(i) }));

describe("the preview's coverage note", () => {
  it("says nothing when every record was read and listed", () => {
    expect(previewCoverage({ counts, items: items(215), read: 255, countsComplete: true, listComplete: true })).toBeNull();
  });

  it("says the list is the first part and the counts cover all when only the list was cut", () => {
    const preview = { counts, items: items(200), read: 255, countsComplete: true, listComplete: false };
    expect(namedRecords(preview)).toBe(215);
    expect(previewCoverage(preview)).toBe("The list shows the first 200 of 215 records; the counts cover all of them.");
  });

  it("says the counts cover the records read only when reading stopped early", () => {
    const note = previewCoverage({ counts, items: items(200), read: 2000, countsComplete: false, listComplete: false });
    expect(note).toBe("The preview stopped after reading the first 2,000 records: the counts and the list cover those only. Starting syncs every record.");
    expect(note).not.toContain("complete");
  });
});
