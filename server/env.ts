import { z } from "zod";

/**
 * The one place configuration is read. Every variable has an embedded default so that a fresh
 * clone runs with nothing set; `scripts/start.ts` fills in DATABASE_URL and the dev secrets
 * before anything reads this module.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: z.url().optional(),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgres:// URL" }),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "TOKEN_ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
  SYNC_RUNTIME: z.enum(["embedded", "inngest"]).default("embedded"),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  cached = { ...parsed.data, APP_URL: parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}` };
  return cached;
}
