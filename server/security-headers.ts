/**
 * Headers every response carries. The Content Security Policy keeps other sites from framing
 * Tandem (clickjacking the Disconnect button) and limits scripts, styles and connections to this
 * origin. Next.js inlines its bootstrap scripts and styles, hence 'unsafe-inline' (a nonce would
 * make every page dynamic); its development server also evaluates code and talks over a websocket.
 * No `form-action`: the OAuth consent pages post forms whose answer redirects to a registered
 * redirect URI, which may be on another origin.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(dev: boolean): Array<{ key: string; value: string }> {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
  ];
}
