import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/client";
import { env } from "../env";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";
import { signInInput } from "./credentials";
import { sameSiteRedirect } from "./redirect";
import { assertSessionCurrent, revokeSessions, SESSION_REVOKED, SessionRevokedError } from "./session-version";
import { TooManySignInAttempts } from "./sign-in-throttle";

/** The message next-auth hands back to the form for a wrong email or password. */
export const INVALID_CREDENTIALS = "CredentialsSignin";

export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials);
          if (!parsed.success) return null;
          try {
            return await authenticate(db(), parsed.data.email, parsed.data.password, {
              clientAddress: clientAddress(req.headers ?? {}, config.TRUSTED_PROXY_HOPS),
              maxFailures: config.SIGN_IN_MAX_FAILURES,
              maxAttemptsPerAddress: config.SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS,
            });
          } catch (error) {
            // next-auth passes a thrown error's message to the client as the sign-in error.
            if (error instanceof TooManySignInAttempts) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      redirect: sameSiteRedirect,
      // Runs at sign-in (with `user`) and whenever a session is read: the token carries the user's
      // session version, and a token from before a sign-out or password change stops working.
      async jwt({ token, user }) {
        if (user) return { ...token, sessionVersion: (user as { sessionVersion?: number }).sessionVersion ?? 0 };
        if (!token.sub) throw new SessionRevokedError();
        await assertSessionCurrent(db(), token.sub, token.sessionVersion);
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user = { ...session.user, id: token.sub };
        return session;
      },
    },
    events: {
      // Signing out ends this session everywhere it was copied to (and the user's other sessions).
      async signOut({ token }) {
        if (token?.sub) await revokeSessions(db(), token.sub);
      },
    },
    logger: {
      // A revoked session is read as signed out; it is no error worth a log line.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.name === SESSION_REVOKED) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
  };
}
