import { sandboxHandlers } from "@/server/sandbox/quickbooks/http/handlers";

/** Mounts the QuickBooks sandbox's token, revoke and user-info endpoints. */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return sandboxHandlers().oauth(request);
}

export function POST(request: Request): Promise<Response> {
  return sandboxHandlers().oauth(request);
}
