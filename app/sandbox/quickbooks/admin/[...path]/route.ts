import { sandboxHandlers } from "@/server/sandbox/quickbooks/http/handlers";

/** Mounts the QuickBooks sandbox: sandbox admin endpoints. */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return sandboxHandlers().admin(request);
}

export function POST(request: Request): Promise<Response> {
  return sandboxHandlers().admin(request);
}
