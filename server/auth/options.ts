import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/client";
import { env } from "../env";
import { authenticate } from "./authenticate";
import { signInInput } from "./credentials";
import { sameSiteRedirect } from "./redirect";
import { TooManySignInAttempts } from "./sign-in-throttle";

/** The message next-auth hands back to the form for a wrong email or password. */
export const INVALID_CREDENTIALS = "CredentialsSignin";

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          const parsed = signInInput.safeParse(credentials);
          if (!parsed.success) return null;
          try {
            return await authenticate(db(), parsed.data.email, parsed.data.password, {
              maxFailures: env().SIGN_IN_MAX_FAILURES,
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
      session({ session, token }) {
        if (token.sub) session.user = { ...session.user, id: token.sub };
        return session;
      },
    },
  };
}
