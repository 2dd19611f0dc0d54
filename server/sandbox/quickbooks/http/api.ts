import { and, eq } from "drizzle-orm";
import { effectiveTimeScale, now } from "../domain/clock";
import type { SandboxDb } from "../store/db";
import { idempotentResponses, requestLog } from "../store/schema";
import { asString, isDoc, type Doc } from "../domain/documents";
import { canonicalEntityType } from "../domain/entity-types";
import { faults, QboFault } from "../domain/faults";
import { formatResponseTime } from "../domain/time";
import { rateLimiter } from "../domain/rate-limit";
import { verifyAccessToken } from "../oauth/tokens";
import * as service from "../store/service";
import * as store from "../store/records";
import type { CompanyRow } from "../store/records";
import { KeyedLock } from "./keyed-lock";
import { authFailureBody, faultBody, jsonResponse, newIntuitTid, throttledBody } from "./respond";

/**
 * The Accounting API: `/v3/company/{realmId}/{entity}[/{id}]`, `/query`, `/batch`, `/cdc`.
 * Order of checks per request: token → company → throttles → injected faults → requestid replay → work.
 */
export const MAX_BATCH_ITEMS = 30;
const MAX_REQUEST_ID = 50;

interface Outcome {
  status: number;
  body: unknown;
}

type Random = () => number;

export interface ApiOptions {
  db: SandboxDb;
  random?: Random;
  sleep?: (ms: number) => Promise<void>;
}

function locate(url: URL): { realmId: string; segments: string[] } | undefined {
  const match = /\/v3\/company\/([^/]+)\/?(.*)$/.exec(url.pathname);
  if (!match) return undefined;
  return { realmId: decodeURIComponent(match[1]!), segments: match[2]!.split("/").filter(Boolean).map(decodeURIComponent) };
}

async function readJson(request: Request): Promise<Doc> {
  const text = await request.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isDoc(parsed)) throw new Error("not an object");
    return parsed;
  } catch {
    throw new QboFault("2010", "Request has invalid or unsupported property", "Unable to parse the request body as a JSON object.");
  }
}

function envelope(company: CompanyRow, key: string, value: unknown): unknown {
  return { [key]: value, time: formatResponseTime(now(), company.utcOffset) };
}

/** Runs one create/update/delete/void as a POST to `/{entity}` with `operation` and `include` says. */
async function write(db: SandboxDb, company: CompanyRow, entityName: string, operation: string | null, include: string[], input: Doc) {
  const realmId = company.realmId;
  const allowDuplicateDocNumber = include.includes("allowduplicatedocnum");
  switch (operation ?? "create") {
    case "create":
      return service.createEntity(db, realmId, entityName, input, { allowDuplicateDocNumber });
    case "update":
      if (include.includes("void")) return service.voidEntity(db, realmId, entityName, input);
      return service.updateEntity(db, realmId, entityName, input, { sparse: input.sparse === true, allowDuplicateDocNumber });
    case "delete":
      return service.deleteEntity(db, realmId, entityName, input);
    case "void":
      return service.voidEntity(db, realmId, entityName, input);
    default:
      throw faults.unsupportedOperation(operation ?? "");
  }
}

function includes(url: URL): string[] {
  return (url.searchParams.get("include") ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** One batch item's response: its entity, its QueryResponse, or its Fault. */
async function batchItem(db: SandboxDb, company: CompanyRow, item: Doc): Promise<Doc> {
  const bId = asString(item.bId);
  try {
    if (typeof item.Query === "string") {
      return { bId, QueryResponse: await service.queryEntities(db, company.realmId, item.Query) };
    }
    const entityKey = Object.keys(item).find((k) => canonicalEntityType(k) && isDoc(item[k]));
    if (!entityKey) throw faults.requiredParam("BatchItemRequest entity");
    const operation = asString(item.operation) ?? "create";
    const { type, doc } = await write(db, company, entityKey, operation, [], item[entityKey] as Doc);
    return { bId, [type]: doc };
  } catch (error) {
    if (!(error instanceof QboFault)) throw error;
    return { bId, Fault: error.toFault() };
  }
}

async function route(db: SandboxDb, company: CompanyRow, request: Request, url: URL, segments: string[]): Promise<Outcome> {
  const [head, id] = segments;
  if (!head) throw faults.unsupportedOperation("on the company root");
  const resource = head.toLowerCase();
  const method = request.method.toUpperCase();

  if (resource === "query") {
    const text = method === "POST" ? await request.text() : (url.searchParams.get("query") ?? "");
    if (!text.trim()) throw faults.queryParse("Encountered \"<EOF>\" at line 1, column 1. Was expecting \"SELECT\"");
    return { status: 200, body: envelope(company, "QueryResponse", await service.queryEntities(db, company.realmId, text)) };
  }
  if (resource === "cdc" && method === "GET") {
    const response = await service.changeDataCapture(db, company.realmId, url.searchParams.get("entities"), url.searchParams.get("changedSince"));
    return { status: 200, body: envelope(company, "CDCResponse", response) };
  }
  if (resource === "batch" && method === "POST") {
    const input = await readJson(request);
    const items = Array.isArray(input.BatchItemRequest) ? input.BatchItemRequest.filter(isDoc) : [];
    if (items.length > MAX_BATCH_ITEMS) throw faults.tooManyBatchItems(items.length);
    const responses: Doc[] = [];
    for (const item of items) responses.push(await batchItem(db, company, item));
    return { status: 200, body: envelope(company, "BatchItemResponse", responses) };
  }

  if (method === "GET") {
    const lookupId = resource === "companyinfo" || resource === "preferences" ? "1" : id;
    if (!lookupId) throw faults.requiredParam("Id");
    const { type, doc } = await service.readEntity(db, company.realmId, head, lookupId);
    return { status: 200, body: envelope(company, type, doc) };
  }
  if (method === "POST") {
    const { type, doc } = await write(db, company, head, url.searchParams.get("operation")?.toLowerCase() ?? null, includes(url), await readJson(request));
    return { status: 200, body: envelope(company, type, doc) };
  }
  throw faults.unsupportedOperation(`${method} ${head}`);
}

function batchSize(url: URL, bodyText: string | undefined): number | undefined {
  if (!/\/batch\/?$/i.test(url.pathname) || bodyText === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return isDoc(parsed) && Array.isArray(parsed.BatchItemRequest) ? parsed.BatchItemRequest.length : 1;
  } catch {
    return 1;
  }
}

export function createApiHandler(options: ApiOptions): (request: Request) => Promise<Response> {
  const { db } = options;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestIds = new KeyedLock();

  return async (request) => {
    const tid = newIntuitTid();
    const url = new URL(request.url);
    const location = locate(url);
    let realmId: string | null = location?.realmId ?? null;
    let clientId: string | null = null;

    const respond = async (status: number, body: unknown): Promise<Response> => {
      await db
        .insert(requestLog)
        .values({ intuitTid: tid, realmId, clientId, method: request.method, path: url.pathname + url.search, status, createdAt: now() })
        .catch(() => undefined);
      return jsonResponse(body, status, tid);
    };

    const check = await verifyAccessToken(db, request.headers.get("authorization"));
    if (!check.ok) {
      const detail = { missing: "Authorization header missing", invalid: "Token invalid", expired: "Token expired", revoked: "Token revoked" }[check.reason];
      return respond(401, authFailureBody(401, detail, now()));
    }
    clientId = check.access.app.clientId;
    if (!location || check.access.grant.realmId !== location.realmId) {
      return respond(403, authFailureBody(403, `Authorization Failure: the token does not grant access to company ${realmId ?? "(none)"}`, now()));
    }
    const company = await store.findCompany(db, location.realmId);
    if (!company) return respond(403, authFailureBody(403, "Authorization Failure: unknown company", now()));
    realmId = company.realmId;

    const bodyText = request.method === "POST" ? await request.text() : undefined;
    const calls = batchSize(url, bodyText);
    const admission = rateLimiter().admit(`${company.realmId}:${check.access.app.id}`, {
      timeScale: effectiveTimeScale(company.timeScale),
      calls,
      batch: calls !== undefined,
    });
    if (!admission.admitted) return respond(429, throttledBody(now()));
    try {
      const injected = company.faults;
      if (injected.latencyMs) await sleep(injected.latencyMs);
      if (random() < (injected.throttleRate ?? 0)) return await respond(429, throttledBody(now()));
      if (random() < (injected.serverErrorRate ?? 0)) {
        const fault = random() < 0.5 ? faults.systemFailure() : faults.serviceUnavailable();
        return await respond(fault.httpStatus, faultBody(fault, now(), company.utcOffset));
      }

      const requestId = url.searchParams.get("requestid");
      const idempotent = requestId !== null && requestId.length > 0 && requestId.length <= MAX_REQUEST_ID;
      const execute = async (): Promise<Outcome> => {
        if (idempotent) {
          const [stored] = await db
            .select()
            .from(idempotentResponses)
            .where(and(eq(idempotentResponses.realmId, company.realmId), eq(idempotentResponses.requestId, requestId)));
          if (stored) return { status: stored.status, body: JSON.parse(stored.body) };
        }
        const replayable = new Request(request.url, { method: request.method, headers: request.headers, body: bodyText });
        let outcome: Outcome;
        try {
          outcome = await route(db, company, replayable, url, location.segments);
        } catch (error) {
          if (!(error instanceof QboFault)) throw error;
          outcome = { status: error.httpStatus, body: faultBody(error, now(), company.utcOffset) };
        }
        if (idempotent && outcome.status < 500) {
          await db
            .insert(idempotentResponses)
            .values({ realmId: company.realmId, requestId, status: outcome.status, body: JSON.stringify(outcome.body) })
            .onConflictDoNothing();
        }
        return outcome;
      };
      const outcome = idempotent ? await requestIds.run(`${company.realmId}:${requestId}`, execute) : await execute();
      return await respond(outcome.status, outcome.body);
    } catch (error) {
      console.error("QuickBooks sandbox API error", error);
      return respond(500, faultBody(faults.systemFailure(), now(), company.utcOffset));
    } finally {
      admission.release();
    }
  };
}
