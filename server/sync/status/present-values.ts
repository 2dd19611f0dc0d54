import { decodeLines, type CanonicalLine } from "../engine/lines";
import type { Snapshot } from "../../db/schema";

/** An amount in the invoice's currency ("$25.00"), or plainly ("25.00") when the currency is unknown. */
export function formatMoney(amount: number, currency: string | null): string {
  if (currency) {
    try {
      return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
    } catch {
      // Not an ISO 4217 code: the code goes before the number instead.
      return `${currency} ${amount.toFixed(2)}`;
    }
  }
  return amount.toFixed(2);
}

/** "2 × Widget (WID-001) at $25.00", with the service date and tax code when the line has them. */
export function lineText(line: CanonicalLine, currency: string | null): string {
  const what = line.description ?? (line.sku ? "" : "(no description)");
  const sku = line.sku ? (what ? ` (${line.sku})` : line.sku) : "";
  const extras = [line.serviceDate ? `service date ${line.serviceDate}` : null, line.taxCode ? `tax code ${line.taxCode}` : null].filter(Boolean);
  return `${line.quantity} × ${what}${sku} at ${formatMoney(line.unitPrice, currency)}${extras.length ? `, ${extras.join(", ")}` : ""}`;
}

/** An invoice's lines as stored in a snapshot or activity (one encoded value), as readable rows; null for a value that isn't lines. */
export function linesText(value: unknown, currency: string | null): string[] | null {
  if (typeof value !== "string") return null;
  try {
    return decodeLines(value).map((line) => lineText(line, currency));
  } catch {
    return null;
  }
}

/** A field's value as the UI shows it: an invoice's lines become rows, anything else stays as it is. */
export function presentValue(field: string, value: unknown, currency: string | null): unknown {
  if (field !== "lines" || value === null || value === undefined) return value;
  return linesText(value, currency) ?? value;
}

/** The invoice's currency as last synced on either side (the "currency" mapping), if known. */
export function snapshotCurrency(...snapshots: Array<Snapshot | null>): string | null {
  for (const snapshot of snapshots) {
    const currency = snapshot?.currency;
    if (typeof currency === "string" && currency) return currency;
  }
  return null;
}

/** The invoice's lines as last synced (either side's snapshot: they agree once synced). */
export function snapshotLines(currency: string | null, ...snapshots: Array<Snapshot | null>): string[] {
  for (const snapshot of snapshots) {
    const rows = snapshot?.lines === undefined ? null : linesText(snapshot.lines, currency);
    if (rows) return rows;
  }
  return [];
}

const ACTION_TEXT: Record<string, string> = {
  created: "Created",
  updated: "Updated",
  linked: "Linked to the existing record",
  unchanged: "Checked: already the same",
  excluded: "Left out",
  failed: "Failed",
  conflict_resolved: "Changed on both sides: the conflict winner's values kept",
  out_of_step: "Synced, but the two sides still differ",
  deleted: "Deleted",
};

/** What happened, in words; an action without words of its own shows as it is stored. */
export function actionLabel(action: string): string {
  return ACTION_TEXT[action] ?? action;
}
