import { HubSpotApiError, describeUnexpected, errorResponse, json } from "../domain/errors";
import { admit, authenticate, type ApiContext } from "./context";
import { archiveObject, batchObjects, createObject, getObject, listObjects, searchObjects, updateObject } from "./objects";
import { associationLabels, batchAssociations, deleteAssociation, listAssociations, objectTypeOrThrow, putAssociation } from "./associations";
import { archiveProperty, createProperty, getProperty, listProperties, updateProperty } from "./properties";
import { handleOAuth } from "./oauth";
import { getTaxRate, listTaxRates } from "./tax-rates";
import { sandboxDisabledResponse, sandboxHubSpotEnabled } from "../enabled";

type Route = (ctx: ApiContext, request: Request, url: URL) => Promise<Response> | Response;

const notFoundRoute = (path: string) => new HubSpotApiError(404, "OBJECT_NOT_FOUND", `No route for ${path}`);

/** Maps `/crm/...` path segments and a method to a handler, or null. */
function route(method: string, s: string[]): { handler: Route; isSearch: boolean } | null {
  const r = (handler: Route, isSearch = false) => ({ handler, isSearch });
  const [root, version, area, a, b, c, d, e, f] = s;
  if (root === "tax-rates" && version === "v1" && area === "tax-rates" && method === "GET" && !b) {
    return a ? r((ctx) => getTaxRate(ctx, a)) : r((ctx, _q, url) => listTaxRates(ctx, url));
  }
  if (root !== "crm") return null;
  if (version === "v3" && area === "objects" && a) {
    const type = objectTypeOrThrow(a);
    if (!b) return method === "GET" ? r((ctx, _q, url) => listObjects(ctx, type, url)) : method === "POST" ? r((ctx, q) => createObject(ctx, type, q)) : null;
    if (b === "search" && !c && method === "POST") return r((ctx, q) => searchObjects(ctx, type, q), true);
    if (b === "batch" && c && !d && method === "POST") return r((ctx, q) => batchObjects(ctx, type, c, q));
    if (!c) {
      if (method === "GET") return r((ctx, _q, url) => getObject(ctx, type, b, url));
      if (method === "PATCH") return r((ctx, q, url) => updateObject(ctx, type, b, q, url));
      if (method === "DELETE") return r((ctx) => archiveObject(ctx, type, b));
    }
    return null;
  }
  if (version === "v3" && area === "properties" && a) {
    const type = objectTypeOrThrow(a);
    if (!b) return method === "GET" ? r((ctx) => listProperties(ctx, type)) : method === "POST" ? r((ctx, q) => createProperty(ctx, type, q)) : null;
    if (c) return null;
    if (method === "GET") return r((ctx) => getProperty(ctx, type, b));
    if (method === "PATCH") return r((ctx, q) => updateProperty(ctx, type, b, q));
    if (method === "DELETE") return r((ctx) => archiveProperty(ctx, type, b));
    return null;
  }
  if (version === "v4" && area === "objects" && a && b && c === "associations" && d) {
    const from = objectTypeOrThrow(a);
    if (d === "default" && e && f && method === "PUT") {
      const to = objectTypeOrThrow(e);
      return r((ctx, q) => putAssociation(ctx, from, b, to, f, q, true));
    }
    const to = objectTypeOrThrow(d);
    if (!e && method === "GET") return r((ctx, _q, url) => listAssociations(ctx, from, b, to, url));
    if (e && !f && method === "PUT") return r((ctx, q) => putAssociation(ctx, from, b, to, e, q, false));
    if (e && !f && method === "DELETE") return r((ctx) => deleteAssociation(ctx, from, b, to, e));
    return null;
  }
  if (version === "v4" && area === "associations" && a && b && c) {
    const from = objectTypeOrThrow(a);
    const to = objectTypeOrThrow(b);
    if (c === "labels" && method === "GET") return r(() => associationLabels(from, to));
    if (c === "batch" && d && method === "POST") {
      const operation = e ? `${d}/${e}` : d;
      return r((ctx, q) => batchAssociations(ctx, from, to, operation, q));
    }
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * The sandbox HubSpot API: everything under `/sandbox/hubspot/api` (the client's `basePath`).
 * OAuth endpoints need no token; CRM endpoints authenticate, pass the account's faults and rate
 * limits, then route.
 */
export async function handleHubSpotApi(request: Request): Promise<Response> {
  if (!sandboxHubSpotEnabled()) return sandboxDisabledResponse();
  const url = new URL(request.url);
  const path = url.pathname.replace(/^.*?\/sandbox\/hubspot\/api/, "");
  const segments = path.split("/").filter(Boolean).map(safeDecode);
  if (segments[0] === "oauth" && segments[1] === "v1") return handleOAuth(request, segments.slice(2));
  let headers: Record<string, string> = {};
  try {
    const matched = route(request.method, segments);
    if (!matched) throw notFoundRoute(path);
    const ctx = await authenticate(request);
    const admission = await admit(ctx, matched.isSearch);
    headers = admission.headers;
    if (admission.rejected) return admission.rejected;
    const response = await matched.handler(ctx, request, url);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch (error) {
    if (error instanceof HubSpotApiError) return errorResponse(error, headers);
    if (isUniqueViolation(error)) return errorResponse(new HubSpotApiError(409, "CONFLICT", "Contact already exists."), headers);
    console.error("sandbox hubspot: unexpected error:", describeUnexpected(error));
    return json({ status: "error", message: "internal error", category: "INTERNAL_ERROR" }, 500, headers);
  }
}
