/**
 * Builds requests the way Inngest's executor sends them to a `serve()` endpoint, signed as the
 * SDK verifies them: `X-Inngest-Signature: t=<unix seconds>&s=<hex HMAC-SHA256>`, keyed with the
 * signing key minus its `signkey-<env>-` prefix, over the canonical JSON body followed by `t`.
 * Used by tests to drive the real handler in-process.
 */
import { createHmac } from "node:crypto";

/** JSON with object keys sorted at every level (what the SDK signs after parsing the body). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function signBody(body: string, signingKey: string, at: Date = new Date()): string {
  const ts = Math.round(at.getTime() / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  const signature = createHmac("sha256", key).update(body + ts).digest("hex");
  return `t=${ts}&s=${signature}`;
}

export interface CallRequestOptions {
  url: string;
  body: unknown;
  signingKey: string;
  signedAt?: Date;
}

export function signedCallRequest({ url, body, signingKey, signedAt }: CallRequestOptions): Request {
  const text = canonicalJson(body);
  return new Request(url, {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", "x-inngest-signature": signBody(text, signingKey, signedAt) },
  });
}
