import { effectiveTimeScale } from "./clock";

/**
 * How long Intuit gathers one company's changes before sending them in one POST (production
 * batches over 1–5 minutes). `SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS`, default 60 s, divided by the
 * company's time scale like every other sandbox delay; 0 sends each change on its own.
 */
export const DEFAULT_WEBHOOK_WINDOW_MS = 60_000;

export function webhookWindowMs(timeScale: number | null | undefined, env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS;
  const base = raw === undefined || raw.trim() === "" ? DEFAULT_WEBHOOK_WINDOW_MS : Number(raw);
  if (!Number.isFinite(base) || base < 0) throw new Error(`SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS must be milliseconds (0 or more), not ${JSON.stringify(raw)}`);
  return base / effectiveTimeScale(timeScale);
}
