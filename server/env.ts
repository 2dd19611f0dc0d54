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
  // Only read when SYNC_RUNTIME=inngest (then the keys are required, see the check below).
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_BASE_URL: z.url().optional(),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  // Accounts (sign-ups and invite joins) one client address may create an hour.
  SIGN_UP_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  // Reverse proxies in front of Tandem whose X-Forwarded-For entries are trusted (0: none, the TCP peer is the client).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  // Providers. `npm start` registers Tandem's dev apps in the sandbox and fills these in; set them
  // (and leave the base URLs unset) to use the real HubSpot and QuickBooks Online.
  HUBSPOT_APP_ID: z.string().optional(),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_BASE_URL: z.url().default("https://api.hubapi.com"),
  HUBSPOT_AUTHORIZE_URL: z.url().default("https://app.hubspot.com/oauth/authorize"),
  QUICKBOOKS_CLIENT_ID: z.string().optional(),
  QUICKBOOKS_CLIENT_SECRET: z.string().optional(),
  QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN: z.string().optional(),
  /** A sandbox-style single base URL; without it the production Intuit endpoints are used. */
  QUICKBOOKS_BASE_URL: z.url().optional(),
  /**
   * How often QuickBooks Change Data Capture is polled for companies with a sync on: Intuit batches
   * webhooks over minutes; one CDC request every 10 s costs 6 of the 500 requests a minute.
   */
  QUICKBOOKS_POLL_SECONDS: z.coerce.number().int().min(2).max(300).default(10),
}).superRefine((v, ctx) => {
  if (v.SYNC_RUNTIME !== "inngest") return;
  for (const key of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const) {
    if (!v[key]) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when SYNC_RUNTIME=inngest` });
  }
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
