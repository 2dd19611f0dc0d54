import { createHash } from "node:crypto";

/**
 * A QuickBooks `requestid` (≤ 50 characters) derived from what is being written: the same record at
 * the same version gives the same id, so a retried write returns the first result instead of
 * writing twice; a new version of the record gets a new id.
 */
export function requestIdFor(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40);
}
