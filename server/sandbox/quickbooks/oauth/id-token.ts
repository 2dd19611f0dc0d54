import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { asc } from "drizzle-orm";
import { now } from "../domain/clock";
import type { SandboxExecutor } from "../store/db";
import { signingKeys } from "../store/schema";

/**
 * OpenID Connect: with the `openid` scope the code exchange also returns an `id_token`, an RS256
 * JWT as Intuit issues it (`iss`, `aud` as an array, `sub`, `realmid`, `auth_time`, `iat`, `exp`),
 * verifiable with the keys published at `/op/v1/jwks`. The issuer is Intuit's own: clients such as
 * `intuit-oauth` compare it with that constant.
 */
export const ID_TOKEN_ISSUER = "https://oauth.platform.intuit.com/op/v1";
const ID_TOKEN_SECONDS = 3600;

type SigningKey = typeof signingKeys.$inferSelect;

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The oldest key signs; one is created on first use (two racing processes each add one, both published). */
async function currentKey(ex: SandboxExecutor): Promise<SigningKey> {
  const [existing] = await ex.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1);
  if (existing) return existing;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(16).toString("base64url");
  const { n, e, kty } = publicKey.export({ format: "jwk" });
  await ex.insert(signingKeys).values({
    kid,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicJwk: { kty: kty!, n: n!, e: e!, kid, alg: "RS256", use: "sig" },
  });
  const [first] = await ex.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1);
  return first!;
}

/** The JWKS document (`GET /op/v1/jwks`). */
export async function publishedKeys(ex: SandboxExecutor): Promise<{ keys: Record<string, string>[] }> {
  await currentKey(ex);
  const rows = await ex.select({ jwk: signingKeys.publicJwk }).from(signingKeys).orderBy(asc(signingKeys.createdAt));
  return { keys: rows.map((row) => row.jwk) };
}

/**
 * The user's id: the sandbox has one user per company (its owner), so it is stable per company
 * and the same in the id_token and in user info.
 */
export function ownerSub(realmId: string): string {
  const hex = createHash("sha256").update(`owner:${realmId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function issueIdToken(ex: SandboxExecutor, claims: { clientId: string; realmId: string; authTime: Date }): Promise<string> {
  const key = await currentKey(ex);
  const issuedAt = Math.floor(now().getTime() / 1000);
  const header = { alg: "RS256", kid: key.kid };
  const payload = {
    sub: ownerSub(claims.realmId),
    aud: [claims.clientId],
    realmid: claims.realmId,
    auth_time: Math.floor(claims.authTime.getTime() / 1000),
    iss: ID_TOKEN_ISSUER,
    iat: issuedAt,
    exp: issuedAt + ID_TOKEN_SECONDS,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign("RSA-SHA256", Buffer.from(signingInput), key.privateKeyPem);
  return `${signingInput}.${base64url(signature)}`;
}
