import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";
import { concurrencyLimit } from "./concurrency";

// scrypt parameters: N=2^15, r=8, p=1 (OWASP's minimum for scrypt), 32 MiB of memory per hash.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } satisfies ScryptOptions;
const KEY_LENGTH = 32;

// Half the cores (at least one) hash at a time; the rest of the thread pool and CPU stay free
// for other requests however many sign-ins arrive at once.
export const HASHING_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
const hashing = concurrencyLimit(HASHING_SLOTS);

/** About a second of hashing work waiting (a hash takes ~0.1 s a slot). */
export const BUSY_BACKLOG = 8;

/** Whether password hashing is backed up, so work that can wait (creating accounts) should. */
export const passwordHashingBusy = () => hashing.queued() >= BUSY_BACKLOG;

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return hashing(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

/** Returns `scrypt$N$r$p$salt$hash`, so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to verify against when the email is unknown, so a miss costs as long as a hit. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}
