import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken } from "./token-crypto";

const key = randomBytes(32);

describe("token encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptToken("secret-refresh-token", key, "org-1:quickbooks");
    expect(sealed).not.toContain("secret-refresh-token");
    expect(decryptToken(sealed, key, "org-1:quickbooks")).toBe("secret-refresh-token");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptToken("same", key, "c")).not.toBe(encryptToken("same", key, "c"));
  });

  it("refuses another context, another key, and tampering", () => {
    const sealed = encryptToken("token", key, "org-1:hubspot");
    expect(() => decryptToken(sealed, key, "org-2:hubspot")).toThrow();
    expect(() => decryptToken(sealed, randomBytes(32), "org-1:hubspot")).toThrow();
    const parts = sealed.split(":");
    const flipped = Buffer.from(parts[3]!, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptToken([...parts.slice(0, 3), flipped.toString("base64")].join(":"), key, "org-1:hubspot")).toThrow();
  });
});
