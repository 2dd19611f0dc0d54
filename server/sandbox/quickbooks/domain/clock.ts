/**
 * The sandbox's notion of "now" and of how fast time runs. Tests shift the clock (to age tokens or
 * the CDC window) and compress time (rate-limit windows, token lifetimes, webhook retry delays)
 * instead of waiting.
 */
const state = { offsetMs: 0 };

export function now(): Date {
  return new Date(Date.now() + state.offsetMs);
}

export function shiftClock(ms: number): void {
  state.offsetMs += ms;
}

export function resetClock(): void {
  state.offsetMs = 0;
}

export function clockOffsetMs(): number {
  return state.offsetMs;
}

/** The global time scale from `SANDBOX_TIME_SCALE` (default 1); a company may override it. */
export function globalTimeScale(): number {
  const scale = Number(process.env.SANDBOX_TIME_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

export function effectiveTimeScale(companyScale: number | null | undefined): number {
  return companyScale && companyScale > 0 ? companyScale : globalTimeScale();
}
