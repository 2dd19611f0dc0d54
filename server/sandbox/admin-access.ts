import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Who may use either sandbox's admin API (it registers apps, shows their secrets and installs
 * them): a process on this machine, or whoever holds `SANDBOX_ADMIN_TOKEN` (as a bearer token).
 *
 * "On this machine" is read from `x-tandem-peer-address`, which the launcher (scripts/start.ts) and
 * the test loopback set from the socket, overwriting anything a client sent. A request a proxy
 * forwarded (`Forwarded`, or an `X-Forwarded-For` naming another address) is not local, even
 * when the proxy itself runs on this machine.
 */
export type AdminCaller = "local" | "token";

const PEER_ADDRESS_HEADER = "x-tandem-peer-address";

function isLoopbackAddress(address: string): boolean {
  return /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.test(address.trim());
}

function sameSecret(expected: string, presented: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

export function adminCaller(request: Request, env: Record<string, string | undefined> = process.env): AdminCaller | null {
  const peer = request.headers.get(PEER_ADDRESS_HEADER);
  const forwardedFor = (request.headers.get("x-forwarded-for") ?? "").split(",").filter((a) => a.trim() !== "");
  if (peer && isLoopbackAddress(peer) && !request.headers.has("forwarded") && forwardedFor.every(isLoopbackAddress)) return "local";
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (env.SANDBOX_ADMIN_TOKEN && presented && sameSecret(env.SANDBOX_ADMIN_TOKEN, presented)) return "token";
  return null;
}

export const ADMIN_FORBIDDEN_MESSAGE = "The sandbox admin API answers only on this machine, or with SANDBOX_ADMIN_TOKEN as a bearer token";
