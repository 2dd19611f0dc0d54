import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("forbid framing and sniffing and keep the referrer to the origin across sites", () => {
    const headers = Object.fromEntries(securityHeaders(false).map(({ key, value }) => [key, value]));
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
  });

  it("allow eval and the websocket only for the development server", () => {
    expect(contentSecurityPolicy(false)).not.toMatch(/unsafe-eval|ws:/);
    expect(contentSecurityPolicy(true)).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(contentSecurityPolicy(true)).toMatch(/connect-src 'self' ws: wss:/);
  });
});
