import { SYNC_ERRORS } from "@/server/sync/errors";
import type { Direction, RecordState, SyncObject } from "./api-types";

/** An error code's words from the catalogue (category, explanation, fix); undefined for a code it doesn't know. */
export function errorWords(code: string): { category: string; explanation: string; fix: string } | undefined {
  return (SYNC_ERRORS as Record<string, { category: string; explanation: string; fix: string } | undefined>)[code];
}

export const SYNC_OBJECTS: readonly SyncObject[] = ["contacts", "products", "invoices", "payments"];

export const OBJECT_TEXT: Record<SyncObject, { title: string; singular: string; detail: string }> = {
  contacts: { title: "Contacts", singular: "contact", detail: "QuickBooks customers ↔ HubSpot contacts, matched by email." },
  products: { title: "Products", singular: "product", detail: "QuickBooks items ↔ HubSpot products, matched by SKU. Items without a SKU are left out." },
  invoices: {
    title: "Invoices",
    singular: "invoice",
    detail: "Finalized HubSpot invoices ↔ QuickBooks invoices, with their customer and lines (by SKU). Drafts and invoices older than the sync stay out.",
  },
  payments: { title: "Payments", singular: "payment", detail: "Payments both ways, on with two-way or HubSpot → QuickBooks invoice sync." },
};

export const STATES: readonly RecordState[] = ["synced", "failed", "excluded", "pending"];

export const STATE_TEXT: Record<RecordState, { label: string; tone: "success" | "danger" | "neutral" | "warning"; color: string }> = {
  synced: { label: "Synced", tone: "success", color: "text-emerald-700" },
  failed: { label: "Failed", tone: "danger", color: "text-red-700" },
  excluded: { label: "Excluded", tone: "neutral", color: "text-slate-600" },
  pending: { label: "Pending", tone: "warning", color: "text-amber-700" },
};

export const DIRECTION_TEXT: Record<Direction, { label: string; detail: string }> = {
  two_way: { label: "Two-way", detail: "Changes on either side are copied to the other." },
  to_hubspot: { label: "QuickBooks → HubSpot", detail: "QuickBooks is the source; HubSpot receives its records and changes." },
  to_quickbooks: { label: "HubSpot → QuickBooks", detail: "HubSpot is the source; QuickBooks receives its records and changes." },
};

export const SIDE_NAME = { hubspot: "HubSpot", quickbooks: "QuickBooks" } as const;

/** "5 min ago", "yesterday 14:02", or a date; the exact time goes in a <time dateTime> title. */
export function formatWhen(value: Date | null | undefined, now: Date = new Date()): string {
  if (!value) return "Never";
  const seconds = Math.round((now.getTime() - value.getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return value.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatExact(value: Date): string {
  return value.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** A field value in a before → after pair. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
