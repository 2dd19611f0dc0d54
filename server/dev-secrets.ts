import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const SECRET_GENERATORS = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  TOKEN_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
} as const;

type SecretName = keyof typeof SECRET_GENERATORS;

/**
 * Fills in any secret missing from the environment with one generated on first start and kept in
 * `<dataDir>/secrets.json`, so sessions and encrypted tokens survive a restart.
 */
export function loadDevSecrets(dataDir: string): void {
  const file = path.join(dataDir, "secrets.json");
  const stored: Partial<Record<SecretName, string>> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Partial<Record<SecretName, string>>)
    : {};
  let changed = false;
  for (const name of Object.keys(SECRET_GENERATORS) as SecretName[]) {
    if (process.env[name]) continue;
    if (!stored[name]) {
      stored[name] = SECRET_GENERATORS[name]();
      changed = true;
    }
    process.env[name] = stored[name];
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
}
