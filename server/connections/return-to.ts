/** Where the browser may be sent back to after an OAuth round trip: a path on Tandem itself. */
const PROBE_ORIGIN = "http://tandem.invalid";

/**
 * A same-origin relative path ("/setup?step=connect"), never another site: "//evil.test",
 * "/\evil.test" and "https://evil.test" resolve to another origin and are refused, as is anything
 * with control characters (browsers drop tabs and newlines, which turns "/\t/evil.test" into "//evil.test").
 */
export function isSafeReturnTo(value: string): boolean {
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return false;
  try {
    return new URL(value, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}
