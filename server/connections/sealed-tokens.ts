import type { Provider } from "../db/schema";
import { env } from "../env";
import { decryptToken, encryptToken } from "./token-crypto";

/**
 * Provider tokens as stored: AES-256-GCM under TOKEN_ENCRYPTION_KEY, bound to the org and provider
 * so a ciphertext moved to another row won't open.
 */
function key(): Buffer {
  return Buffer.from(env().TOKEN_ENCRYPTION_KEY, "base64");
}

export function sealToken(plaintext: string, orgId: string, provider: Provider): string {
  return encryptToken(plaintext, key(), `${orgId}:${provider}`);
}

export function openToken(sealed: string, orgId: string, provider: Provider): string {
  return decryptToken(sealed, key(), `${orgId}:${provider}`);
}
