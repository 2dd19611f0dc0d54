import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/server/env";

/** Signed-out visitors of a product page go to sign-in, and come back to that page afterwards. */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: env().AUTH_SECRET });
  if (token) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Invite links are opened signed out too (the page offers to sign up or sign in).
  matcher: ["/((?!api|sandbox|sign-in|sign-up|invite/|_next|favicon.ico).+)"],
};
