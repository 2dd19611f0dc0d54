import { db, type Database } from "../db/client";
import type { Provider } from "../db/schema";
import { env } from "../env";
import { completeConnection } from "./complete-connection";
import { isSafeReturnTo } from "./return-to";

/**
 * The whole of an OAuth callback route: complete the connection for the signed-in user and send
 * the browser back to where the attempt started (the Connections page unless it asked for another
 * page of Tandem, e.g. the setup wizard), saying what happened.
 */
export async function oauthCallbackRedirect(
  provider: Provider,
  request: Request,
  userId: string | undefined,
  database: Database = db(),
): Promise<Response> {
  const callback = new URL(request.url);
  const target = new URL("/connections", env().APP_URL);
  if (!userId) {
    // The session ended mid-flow: after signing in, the same user comes back here and finishes.
    target.pathname = "/sign-in";
    target.searchParams.set("callbackUrl", callback.pathname + callback.search);
    return Response.redirect(target, 303);
  }
  const result = await completeConnection(database, { provider, userId, params: callback.searchParams });
  // Checked when stored too; checked again here so a stored value can never redirect off-site.
  if (result.returnTo && isSafeReturnTo(result.returnTo)) {
    const back = new URL(result.returnTo, env().APP_URL);
    target.pathname = back.pathname;
    target.search = back.search;
  }
  if (result.ok) target.searchParams.set("connected", provider);
  else {
    target.searchParams.set("error", result.code);
    target.searchParams.set("provider", provider);
  }
  return Response.redirect(target, 303);
}
