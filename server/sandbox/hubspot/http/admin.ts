import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { sandboxDb } from "../store/db";
import { accounts, webhookDeliveries } from "../store/schema";
import { json } from "../domain/errors";
import { parseFaults } from "../domain/fault-injection";
import { OBJECT_TYPE_NAMES, type ObjectType } from "../domain/object-types";
import { SUBSCRIPTION_EVENT_TYPES } from "../domain/webhook-events";
import { addUser, createAccount, getAccount, listAccounts, usersOf } from "../store/accounts";
import { createApp, findAppByName, getApp, listApps, updateApp, type AppRow } from "../store/apps";
import { installApp } from "../oauth/tokens";
import { ensureDemoAccount } from "../store/seed";
import { createTaxRate, pageOfTaxRates, presentTaxRate } from "../store/tax-rates";
import { dispatchDueWebhooks } from "../webhooks/dispatcher";
import { resetRateLimits } from "./context";
import { sandboxDisabledResponse, sandboxHubSpotEnabled } from "../enabled";
import { DEV_APP_NAME } from "../dev-app";
import { ADMIN_FORBIDDEN_MESSAGE, adminCaller, type AdminCaller } from "../../admin-access";

const subscriptionSchema = z.object({
  objectType: z.enum(OBJECT_TYPE_NAMES as [ObjectType, ...ObjectType[]]),
  eventType: z.enum(SUBSCRIPTION_EVENT_TYPES),
  propertyName: z.string().min(1).optional(),
  active: z.boolean().optional(),
});

const taxRateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(100).optional(),
  percentageRate: z.number().min(0).max(100),
});

const appSchema = z.object({
  name: z.string().min(1).max(200),
  redirectUris: z.array(z.url()).default([]),
  webhookUrl: z.url().nullable().optional(),
  subscriptions: z.array(subscriptionSchema).default([]),
  tokenLifetimeSeconds: z.number().int().min(0).nullable().optional(),
});

const appPatchSchema = z.object({
  name: z.string().min(1).max(200).optional(),
  redirectUris: z.array(z.url()).optional(),
  webhookUrl: z.url().nullable().optional(),
  subscriptions: z.array(subscriptionSchema).optional(),
  tokenLifetimeSeconds: z.number().int().min(0).nullable().optional(),
});

const settingsSchema = z.object({
  timeScale: z.number().positive().nullable().optional(),
  tokenLifetimeSeconds: z.number().int().min(0).nullable().optional(),
  searchableDelayMs: z.number().int().min(0).optional(),
});

const accountSchema = z.object({ name: z.string().min(1).max(200), userEmail: z.email().optional() });
const userSchema = z.object({ email: z.email() });
const installSchema = z.object({ appId: z.number().int(), scopes: z.array(z.string()).default([]) });

const problem = (status: number, message: string, details?: unknown) => json({ status: "error", message, ...(details ? { details } : {}) }, status);

const INVALID_JSON = Symbol("invalid-json");

async function body(request: Request): Promise<unknown> {
  try {
    const text = await request.text();
    return text ? JSON.parse(text) : {};
  } catch {
    return INVALID_JSON;
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): { data: T } | { error: Response } {
  if (value === INVALID_JSON) return { error: problem(400, "body is not valid JSON") };
  const result = schema.safeParse(value);
  return result.success ? { data: result.data } : { error: problem(400, "invalid input", z.flattenError(result.error).fieldErrors) };
}

/** Tandem's own app is the product's credentials: only a caller on this machine sees, changes or installs it. */
const guardsDevApp = (caller: AdminCaller, name: string | undefined) => caller !== "local" && name === DEV_APP_NAME;
const devAppForbidden = () => problem(403, `${DEV_APP_NAME} can be read, changed or installed only from this machine`);

/** Apps are shown with their secret (the developer console of a sandbox), except Tandem's to a remote caller. */
const appView = (app: AppRow, caller: AdminCaller) => ({
  appId: app.id,
  name: app.name,
  clientId: app.clientId,
  ...(guardsDevApp(caller, app.name) ? {} : { clientSecret: app.clientSecret }),
  redirectUris: app.redirectUris,
  webhookUrl: app.webhookUrl,
  subscriptions: app.subscriptions,
  tokenLifetimeSeconds: app.tokenLifetimeSeconds,
});

async function handleApps(request: Request, idRaw: string | undefined, caller: AdminCaller): Promise<Response | null> {
  const method = request.method;
  if (!idRaw && method === "GET") return json({ results: (await listApps()).map((app) => appView(app, caller)) });
  if (!idRaw && method === "POST") {
    const input = parse(appSchema, await body(request));
    if ("error" in input) return input.error;
    if (guardsDevApp(caller, input.data.name)) return devAppForbidden();
    if (await findAppByName(input.data.name)) return problem(409, `An app named ${input.data.name} already exists`);
    return json(appView(await createApp(input.data), caller), 201);
  }
  const app = await getApp(Number(idRaw));
  if (!app) return problem(404, `No app ${idRaw}`);
  if (method === "GET") return json(appView(app, caller));
  if (method === "PATCH") {
    if (guardsDevApp(caller, app.name)) return devAppForbidden();
    const input = parse(appPatchSchema, await body(request));
    if ("error" in input) return input.error;
    const updated = await updateApp(app.id, input.data);
    return updated ? json(appView(updated, caller)) : problem(404, `No app ${idRaw}`);
  }
  return null;
}

async function handleAccounts(request: Request, url: URL, idRaw: string | undefined, sub: string | undefined, caller: AdminCaller): Promise<Response | null> {
  const method = request.method;
  if (!idRaw && method === "GET") return json({ results: await listAccounts() });
  if (!idRaw && method === "POST") {
    const input = parse(accountSchema, await body(request));
    if ("error" in input) return input.error;
    const { account, user } = await createAccount(input.data);
    return json({ ...account, users: [user] }, 201);
  }
  if (idRaw === "demo" && method === "POST") return json({ id: await ensureDemoAccount() });
  const account = await getAccount(Number(idRaw));
  if (!account) return problem(404, `No account ${idRaw}`);
  if (!sub && method === "GET") return json({ ...account, users: await usersOf(account.id) });
  if (sub === "users" && method === "GET") return json({ results: await usersOf(account.id) });
  if (sub === "users" && method === "POST") {
    const input = parse(userSchema, await body(request));
    if ("error" in input) return input.error;
    return json(await addUser(account.id, input.data.email), 201);
  }
  if (sub === "tax-rates" && method === "GET") return json({ results: (await pageOfTaxRates(account.id, 0, 1000)).map(presentTaxRate) });
  if (sub === "tax-rates" && method === "POST") {
    const input = parse(taxRateSchema, await body(request));
    if ("error" in input) return input.error;
    return json(presentTaxRate(await createTaxRate(account.id, input.data)), 201);
  }
  if (sub === "faults" && method === "GET") return json(account.faults);
  if (sub === "faults" && method === "PUT") {
    const raw = await body(request);
    const parsed = raw === INVALID_JSON ? { problems: ["body is not valid JSON"] } : parseFaults(raw);
    if ("problems" in parsed) return problem(400, "invalid faults", parsed.problems);
    await sandboxDb().update(accounts).set({ faults: parsed.faults }).where(eq(accounts.id, account.id));
    return json(parsed.faults);
  }
  if (sub === "settings" && method === "PATCH") {
    const input = parse(settingsSchema, await body(request));
    if ("error" in input) return input.error;
    const [updated] = await sandboxDb().update(accounts).set(input.data).where(eq(accounts.id, account.id)).returning();
    return json(updated);
  }
  if (sub === "install" && method === "POST") {
    const input = parse(installSchema, await body(request));
    if ("error" in input) return input.error;
    const app = await getApp(input.data.appId);
    if (!app) return problem(404, `No app ${input.data.appId}`);
    if (guardsDevApp(caller, app.name)) return devAppForbidden();
    const [user] = await usersOf(account.id);
    if (!user) return problem(409, `Account ${account.id} has no users`);
    return json(await installApp({ appId: app.id, accountId: account.id, userId: user.id, scopes: input.data.scopes }));
  }
  if (sub === "deliveries" && method === "GET") {
    const appId = url.searchParams.get("appId");
    const rows = await sandboxDb()
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.accountId, account.id), appId ? eq(webhookDeliveries.appId, Number(appId)) : undefined))
      .orderBy(desc(webhookDeliveries.id))
      .limit(Math.min(Number(url.searchParams.get("limit") ?? 100) || 100, 500));
    return json({ results: rows });
  }
  return null;
}

/**
 * The sandbox's admin JSON API under `/sandbox/hubspot/admin`: register apps, create accounts,
 * install an app without the browser, set faults, time scale and token lifetime, read the webhook
 * delivery log, and run the webhook dispatcher once.
 */
export async function handleHubSpotAdmin(request: Request): Promise<Response> {
  if (!sandboxHubSpotEnabled()) return sandboxDisabledResponse();
  const caller = adminCaller(request);
  if (!caller) return problem(403, ADMIN_FORBIDDEN_MESSAGE);
  const url = new URL(request.url);
  const [area, idRaw, sub] = url.pathname.replace(/^.*?\/sandbox\/hubspot\/admin/, "").split("/").filter(Boolean);
  let response: Response | null = null;
  if (area === "apps") response = await handleApps(request, idRaw, caller);
  else if (area === "accounts") response = await handleAccounts(request, url, idRaw, sub, caller);
  else if (area === "webhooks" && idRaw === "dispatch" && request.method === "POST") response = json(await dispatchDueWebhooks());
  else if (area === "limits" && idRaw === "reset" && request.method === "POST") {
    resetRateLimits();
    response = json({ reset: true });
  }
  return response ?? problem(404, `No admin route ${request.method} ${url.pathname}`);
}
