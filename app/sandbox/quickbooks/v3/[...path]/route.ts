import { sandboxHandlers } from "@/server/sandbox/quickbooks/http/handlers";

/** Mounts the QuickBooks sandbox: Accounting API (/v3/company/{realmId}/...). */
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return sandboxHandlers().api(request);
}

export function POST(request: Request): Promise<Response> {
  return sandboxHandlers().api(request);
}
