/**
 * Set by the launcher (scripts/start.ts) from the TCP peer's address, replacing any value a client
 * sent, so it can't be forged the way X-Forwarded-For can.
 */
export const PEER_ADDRESS_HEADER = "x-tandem-peer-address";

/** No peer was recorded (Tandem served without its launcher). */
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = Headers | Record<string, unknown>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

/**
 * The address of the client behind a request. Behind `trustedProxyHops` reverse proxies, the
 * peer is the nearest proxy and the client is the entry that many hops from the right of
 * X-Forwarded-For (each proxy appends the address it saw; entries further left are the client's
 * own claims). UNKNOWN_ADDRESS when the launcher did not record a peer.
 */
export function clientAddress(headers: HeaderSource, trustedProxyHops: number): string {
  const peer = header(headers, PEER_ADDRESS_HEADER) || UNKNOWN_ADDRESS;
  if (trustedProxyHops === 0) return peer;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxyHops] ?? peer;
}
