import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { dropUnusableCallbackUrl } from "@/server/auth/redirect";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that configuration is read at run time, not at build time.
async function handler(req: NextRequest, context: RouteContext) {
  dropUnusableCallbackUrl(req.nextUrl.searchParams, req.nextUrl.origin);
  return NextAuth(req as never, context as never, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
