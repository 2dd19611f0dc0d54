import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER } from "./client-address";

describe("clientAddress", () => {
  it("is the peer the launcher recorded, whatever X-Forwarded-For claims", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1" });
    expect(clientAddress(headers, 0)).toBe("203.0.113.7");
    expect(clientAddress({ [PEER_ADDRESS_HEADER]: "203.0.113.7" }, 0)).toBe("203.0.113.7");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });

  it("behind trusted proxies, is the entry the outermost trusted proxy appended", () => {
    const headers = { [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.1" };
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("198.51.100.9");
    expect(clientAddress({ [PEER_ADDRESS_HEADER]: "10.0.0.2" }, 1)).toBe("10.0.0.2");
  });
});
