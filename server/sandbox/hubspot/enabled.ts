/**
 * The sandbox serves nothing in a production deployment that talks to the real HubSpot (its admin
 * API is unauthenticated by design). It is on in development and tests, and whenever the product's
 * HubSpot base URL points at the sandbox (what `scripts/start.ts` sets up with no credentials).
 */
export function sandboxHubSpotEnabled(env: Record<string, string | undefined> = process.env): boolean {
  if (env.NODE_ENV !== "production" || !env.HUBSPOT_CLIENT_ID) return true;
  return (env.HUBSPOT_BASE_URL ?? "").includes("/sandbox/hubspot/");
}

export const sandboxDisabledResponse = () => new Response("Not found", { status: 404 });
