import { createHash, randomBytes } from "node:crypto";

/** A fresh invite token (the secret in the link) and the hash stored in its place. */
export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

/** Tokens are 256 random bits, so a plain SHA-256 suffices: there is nothing to brute-force. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
