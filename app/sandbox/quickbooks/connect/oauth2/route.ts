import { sandboxHandlers } from "@/server/sandbox/quickbooks/http/handlers";

/** Mounts the QuickBooks sandbox: OAuth consent page. */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return sandboxHandlers().oauth(request);
}

export function POST(request: Request): Promise<Response> {
  return sandboxHandlers().oauth(request);
}
