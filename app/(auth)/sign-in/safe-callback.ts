const DEFAULT_DESTINATION = "/connections";
const PLACEHOLDER_ORIGIN = "http://tandem.invalid";

/**
 * Where to go after signing in: only a path on this site. Resolving against a placeholder origin
 * catches every spelling of another host ("//evil", "/\evil", "/<tab>/evil"…), which browsers
 * and routers would follow off-site.
 */
export function safeCallback(value: string | string[] | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/")) return DEFAULT_DESTINATION;
  try {
    const url = new URL(value, PLACEHOLDER_ORIGIN);
    return url.origin === PLACEHOLDER_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : DEFAULT_DESTINATION;
  } catch {
    return DEFAULT_DESTINATION;
  }
}
