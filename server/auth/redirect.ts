/**
 * Where next-auth may send the browser after sign-in or sign-out: a path or a URL on this site,
 * else the site's root. Never throws: next-auth's default parses the value unguarded, so
 * `http://localhost:3000.evil.example/` (a port that is no number) made it answer 500.
 */
export function sameSiteRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    return target.origin === base.origin ? target.toString() : baseUrl;
  } catch {
    return baseUrl;
  }
}

/**
 * next-auth refuses a `callbackUrl` query parameter it cannot parse as an http(s) URL with a 500
 * ("server configuration" error) before any callback runs; such a value is dropped instead, so the
 * request goes on with the default destination.
 */
export function dropUnusableCallbackUrl(searchParams: URLSearchParams, baseUrl: string): void {
  const value = searchParams.get("callbackUrl");
  if (value === null) return;
  try {
    if (/^https?:$/.test(new URL(value, baseUrl).protocol)) return;
  } catch {
    // unparseable: dropped below
  }
  searchParams.delete("callbackUrl");
}
