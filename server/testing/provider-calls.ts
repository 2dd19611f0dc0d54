/**
 * The provider API requests Tandem makes, told apart by kind, for tests and the bench that count
 * calls (the sandboxes serve them over loopback; `Stack.requestListeners` sees each one).
 */
import type { Stack } from "./stack";

/** A call's kind: method and path with ids and query strings left out (a QuickBooks query keeps its entity). */
export function callKind(provider: "HubSpot" | "QuickBooks", request: Request): string {
  const url = new URL(request.url);
  let pathname = url.pathname.replace(/^\/sandbox\/(hubspot\/api|quickbooks\/v3)/, "").replace(/\/company\/\d+/, "").replace(/\/\d+(?=\/|$)/g, "/{id}");
  const query = url.searchParams.get("query");
  if (query) pathname += ` (${query.match(/from\s+(\w+)/i)?.[1] ?? "?"}${/\bwhere\b/i.test(query) ? " where …" : ""})`;
  return `${provider} ${request.method} ${pathname}`;
}

export interface QuickBooksCall {
  kind: string;
  /** The path below the company, ids kept: `/invoice/42`. */
  path: string;
}

/**
 * Records the QuickBooks API calls made for one company (other orgs' polls in the same stack are
 * left out) until `stop`.
 */
export function recordQuickBooksCalls(stack: Stack, realmId: string): { calls: QuickBooksCall[]; stop: () => QuickBooksCall[] } {
  const calls: QuickBooksCall[] = [];
  const companyPrefix = `/sandbox/quickbooks/v3/company/${realmId}`;
  const listener = (prefix: string, request: Request) => {
    const pathname = new URL(request.url).pathname;
    if (prefix !== "/sandbox/quickbooks/v3" || !pathname.startsWith(`${companyPrefix}/`)) return;
    calls.push({ kind: callKind("QuickBooks", request), path: pathname.slice(companyPrefix.length) });
  };
  stack.requestListeners.add(listener);
  return {
    calls,
    stop: () => {
      stack.requestListeners.delete(listener);
      return [...calls];
    },
  };
}

/** Records the HubSpot API calls made (of every portal in the stack) until `stop`, by kind. */
export function recordHubSpotCalls(stack: Stack): { stop: () => string[] } {
  const calls: string[] = [];
  const listener = (prefix: string, request: Request) => {
    if (prefix === "/sandbox/hubspot/api" && !new URL(request.url).pathname.includes("/oauth/")) calls.push(callKind("HubSpot", request));
  };
  stack.requestListeners.add(listener);
  return {
    stop: () => {
      stack.requestListeners.delete(listener);
      return [...calls];
    },
  };
}
