import { getSession } from "@/server/auth/session";
import { oauthCallbackRedirect } from "@/server/connections/callback-redirect";

export async function GET(request: Request) {
  const session = await getSession();
  return oauthCallbackRedirect("hubspot", request, session?.user?.id);
}
