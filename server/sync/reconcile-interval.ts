/**
 * Minutes between reconciliation passes: 5 in production. RECONCILE_INTERVAL_MINUTES may shorten
 * it (the bench's dropped-webhooks run says when it does); only divisors of 60 keep the slots even.
 */
const ALLOWED = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

export function reconcileIntervalMinutes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.RECONCILE_INTERVAL_MINUTES;
  if (raw === undefined || raw.trim() === "") return 5;
  const minutes = Number(raw);
  if (!ALLOWED.includes(minutes)) throw new Error(`RECONCILE_INTERVAL_MINUTES must be one of ${ALLOWED.join(", ")}, not ${JSON.stringify(raw)}`);
  return minutes;
}

export const reconcileCron = (minutes: number) => `*/${minutes} * * * *`;
