/**
 * The sandbox serves nothing in a production deployment that talks to the real QuickBooks Online
 * (it registers apps and shows their secrets). It is on in development and tests, and whenever the
 * product's QuickBooks base URL points at the sandbox (what `scripts/start.ts` sets up with no
 * credentials).
 */
export function sandboxQuickBooksEnabled(env: Record<string, string | undefined> = process.env): boolean {
  if (env.NODE_ENV !== "production" || !env.QUICKBOOKS_CLIENT_ID) return true;
  return (env.QUICKBOOKS_BASE_URL ?? "").includes("/sandbox/quickbooks");
}

export const sandboxDisabledResponse = () => new Response("Not found", { status: 404 });
