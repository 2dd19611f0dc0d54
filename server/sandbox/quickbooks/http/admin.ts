import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { registerApp, appRegistrationSchema, listApps } from "../store/apps";
import { clockOffsetMs, now, resetClock, shiftClock } from "../domain/clock";
import { CompanyInputError, createCompany, seedDemoCompany, setCompanyCountry, updateCompanySandboxSettings } from "../store/companies";
import type { SandboxDb } from "../store/db";
import { apps, requestLog } from "../store/schema";
import { rateLimiter } from "../domain/rate-limit";
import * as store from "../store/records";
import { seedCustomers } from "../store/seed";
import { QboFault } from "../domain/faults";
import { dispatchDueWebhooks } from "../webhooks/dispatcher";
import { webhookLog } from "../webhooks/log";
import { DEV_APP_NAME } from "../dev-app";
import { ADMIN_FORBIDDEN_MESSAGE, adminCaller, type AdminCaller } from "../../admin-access";

/**
 * The sandbox's own control panel (not part of Intuit's API): apps, companies, faults, time.
 * JSON in, JSON out; bad input is a 400 with the problems listed and changes nothing.
 */
const rate = z.number().min(0).max(1);
const faultsSchema = z
  .object({
    serverErrorRate: rate,
    throttleRate: rate,
    latencyMs: z.number().int().min(0).max(60_000),
    webhookDropRate: rate,
    webhookDuplicateRate: rate,
    webhookMaxDelayMs: z.number().int().min(0).max(3_600_000),
  })
  .partial()
  .strict();

const companySettingsSchema = z
  .object({
    timeScale: z.number().positive().max(100_000).nullable(),
    accessTokenLifetimeSeconds: z.number().int().positive().nullable(),
    faults: faultsSchema,
    country: z.string().length(2),
  })
  .partial()
  .strict();

const newCompanySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  country: z.string().length(2).optional(),
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/).optional(),
  demo: z.boolean().optional(),
});

/** Customers loaded as if they were there before any app connected (no webhooks); the API's rules apply. */
const seedSchema = z.object({ customers: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000) }).strict();

const appSettingsSchema = z.object({ accessTokenLifetimeSeconds: z.number().int().positive().nullable() }).strict();
const clockSchema = z.union([z.object({ shiftMs: z.number().int() }).strict(), z.object({ reset: z.literal(true) }).strict()]);

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

class BadInput extends Error {
  constructor(readonly issues: unknown) {
    super("Invalid input");
  }
}

async function body<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await request.text()) || "{}");
  } catch {
    throw new BadInput([{ message: "Body is not JSON" }]);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new BadInput(result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  return result.data;
}

/** Tandem's own app is the product's credentials: only a caller on this machine sees or changes them. */
const guardsDevApp = (caller: AdminCaller, name: string | undefined) => caller !== "local" && name === DEV_APP_NAME;
const DEV_APP_FORBIDDEN = { error: `${DEV_APP_NAME} can be read or changed only from this machine` };

function publicApp(app: typeof apps.$inferSelect, caller: AdminCaller) {
  const secrets = guardsDevApp(caller, app.name) ? {} : { clientSecret: app.clientSecret, verifierToken: app.verifierToken };
  return {
    name: app.name,
    clientId: app.clientId,
    ...secrets,
    redirectUris: app.redirectUris,
    webhookUrl: app.webhookUrl,
    webhookFormat: app.webhookFormat,
    accessTokenLifetimeSeconds: app.accessTokenLifetimeSeconds,
  };
}

async function route(db: SandboxDb, request: Request, segments: string[], caller: AdminCaller): Promise<Response> {
  const method = request.method.toUpperCase();
  const [head, id, sub] = segments;
  if (head === "apps" && !id && method === "GET") return json({ apps: (await listApps(db)).map((app) => publicApp(app, caller)) });
  if (head === "apps" && !id && method === "POST") {
    const registration = await body(request, appRegistrationSchema);
    if (guardsDevApp(caller, registration.name.trim())) return json(DEV_APP_FORBIDDEN, 403);
    return json(publicApp(await registerApp(db, registration), caller), 201);
  }
  if (head === "apps" && id && sub === "settings" && method === "POST") {
    const [target] = await db.select({ name: apps.name }).from(apps).where(eq(apps.clientId, id));
    if (guardsDevApp(caller, target?.name)) return json(DEV_APP_FORBIDDEN, 403);
    const settings = await body(request, appSettingsSchema);
    const updated = await db.update(apps).set(settings).where(eq(apps.clientId, id)).returning();
    return updated[0] ? json(publicApp(updated[0], caller)) : json({ error: "No such app" }, 404);
  }
  if (head === "companies" && !id && method === "GET") {
    const companies = await store.listCompanies(db);
    return json({ companies: companies.map((c) => ({ realmId: c.realmId, name: c.name, country: c.companyInfo.Country, utcOffset: c.utcOffset, timeScale: c.timeScale, faults: c.faults })) });
  }
  if (head === "companies" && !id && method === "POST") {
    const input = await body(request, newCompanySchema);
    const realmId = input.demo ? await seedDemoCompany(db) : await createCompany(db, { name: input.name ?? "Sandbox Company", country: input.country, utcOffset: input.utcOffset });
    return json({ realmId }, 201);
  }
  if (head === "companies" && id && sub === "settings" && method === "POST") {
    const { country, ...settings } = await body(request, companySettingsSchema);
    if (!(await store.findCompany(db, id))) return json({ error: "No such company" }, 404);
    await updateCompanySandboxSettings(db, id, settings);
    if (country) await setCompanyCountry(db, id, country);
    return json({ ok: true });
  }
  if (head === "companies" && id && sub === "seed" && method === "POST") {
    const input = await body(request, seedSchema);
    if (!(await store.findCompany(db, id))) return json({ error: "No such company" }, 404);
    try {
      return json(await seedCustomers(db, id, input.customers), 201);
    } catch (error) {
      if (error instanceof QboFault) return json({ error: "Refused", fault: error.message }, 400);
      throw error;
    }
  }
  if (head === "companies" && id && sub === "webhooks" && method === "GET") return json({ deliveries: await webhookLog(db, id) });
  if (head === "companies" && id && sub === "requests" && method === "GET") {
    const rows = await db.select().from(requestLog).where(eq(requestLog.realmId, id)).orderBy(desc(requestLog.createdAt)).limit(200);
    return json({ requests: rows });
  }
  if (head === "clock" && method === "GET") return json({ now: now().toISOString(), offsetMs: clockOffsetMs() });
  if (head === "clock" && method === "POST") {
    const input = await body(request, clockSchema);
    if ("reset" in input) resetClock();
    else shiftClock(input.shiftMs);
    return json({ now: now().toISOString(), offsetMs: clockOffsetMs() });
  }
  if (head === "webhooks" && id === "dispatch" && method === "POST") return json({ attempted: await dispatchDueWebhooks(db) });
  if (head === "limits" && id === "reset" && method === "POST") {
    rateLimiter().reset();
    return json({ ok: true });
  }
  return json({ error: "Not found" }, 404);
}

export function createAdminHandler(options: { db: SandboxDb }): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const match = /\/admin\/?(.*)$/.exec(url.pathname);
    const segments = (match?.[1] ?? "").split("/").filter(Boolean).map(decodeURIComponent);
    const caller = adminCaller(request);
    if (!caller) return json({ error: ADMIN_FORBIDDEN_MESSAGE }, 403);
    try {
      return await route(options.db, request, segments, caller);
    } catch (error) {
      if (error instanceof BadInput) return json({ error: "Invalid input", issues: error.issues }, 400);
      if (error instanceof CompanyInputError) return json({ error: error.message }, 400);
      if (error instanceof z.ZodError) return json({ error: "Invalid input", issues: error.issues }, 400);
      throw error;
    }
  };
}
