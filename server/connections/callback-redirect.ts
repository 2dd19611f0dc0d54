import { db, type Database } from "../db/client";
import type { Provider } from "../db/schema";
import { env } from "../env";
import { completeConnection } from "./complete-connection";

/**
 * The whole of an OAuth callback route: complete the connection for the signed-in user and send
 * the browser back to the Connections page, saying what happened.
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
  if (result.ok) target.searchParams.set("connected", provider);
  else {
    target.searchParams.set("error", result.code);
    target.searchParams.set("provider", provider);
  }
  return Response.redirect(target, 303);
}
