import { sandboxHandlers } from "@/server/sandbox/quickbooks/http/handlers";

/** Mounts the QuickBooks sandbox: the OpenID Connect signing keys (JWKS) that verify its id_tokens. */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return sandboxHandlers().oauth(request);
}
