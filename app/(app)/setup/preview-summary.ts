import type { RouterOutputs } from "@/app/_lib/api-types";

type Preview = Pick<RouterOutputs["sync"]["preview"], "counts" | "items" | "read" | "countsComplete" | "listComplete">;

const records = (n: number) => `${n.toLocaleString("en-US")} record${n === 1 ? "" : "s"}`;

/** The records the preview names (all but those already the same on both sides): what "All" stands for. */
export function namedRecords(preview: Preview): number {
  return Object.entries(preview.counts).reduce((n, [action, count]) => (action === "unchanged" ? n : n + count), 0);
}

/**
 * What the counts and the list cover, in words true to the preview: null when they cover
 * everything. Reading can stop early (the counts are then those of the records read) and the list
 * can stop before the counts do (it then shows the first of them).
 */
export function previewCoverage(preview: Preview): string | null {
  if (!preview.countsComplete) {
    return `The preview stopped after reading the first ${records(preview.read)}: the counts and the list cover those only. Starting syncs every record.`;
  }
  if (!preview.listComplete) {
    return `The list shows the first ${preview.items.length.toLocaleString("en-US")} of ${records(namedRecords(preview))}; the counts cover all of them.`;
  }
  return null;
}
