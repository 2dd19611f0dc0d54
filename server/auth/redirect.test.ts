import { describe, expect, it } from "vitest";
import { dropUnusableCallbackUrl, sameSiteRedirect } from "./redirect";

const baseUrl = "http://localhost:3000";

describe("sameSiteRedirect", () => {
  it("keeps paths and URLs on this site", () => {
    expect(sameSiteRedirect({ url: "/records?state=failed", baseUrl })).toBe("http://localhost:3000/records?state=failed");
    expect(sameSiteRedirect({ url: "http://localhost:3000/sync", baseUrl })).toBe("http://localhost:3000/sync");
  });

  it.each(["http://localhost:3000.evil.example/", "https://evil.example/", "//evil.example/", "http://[::1"])("sends %j to the site's root", (url) => {
    expect(sameSiteRedirect({ url, baseUrl })).toBe(baseUrl);
  });
});

describe("dropUnusableCallbackUrl", () => {
  it("drops a callbackUrl that is no http(s) URL and keeps one that is", () => {
    const bad = new URLSearchParams({ callbackUrl: "http://localhost:3000.evil.example/", other: "1" });
    dropUnusableCallbackUrl(bad, baseUrl);
    expect(bad.toString()).toBe("other=1");

    for (const good of ["/records", "https://evil.example/"]) {
      const params = new URLSearchParams({ callbackUrl: good });
      dropUnusableCallbackUrl(params, baseUrl);
      expect(params.get("callbackUrl")).toBe(good);
    }
  });
});
