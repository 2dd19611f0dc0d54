import type { Metadata } from "next";
import Link from "next/link";
import { inviteTokenSchema } from "@/server/api/routers/members/schemas";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { findOpenInvite } from "@/server/members/invites";
import { AcceptInvite } from "./accept-invite";

export const metadata: Metadata = { title: "Join your team" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = inviteTokenSchema.safeParse(token).success ? await findOpenInvite(db(), token) : null;
  if (!invite) {
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">Invitation not valid</h1>
        <p role="alert" className="text-sm text-slate-600">
          This invitation link is invalid, used or expired. Ask whoever invited you for a new one.
        </p>
        <Link href="/sign-in" className="text-sm font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </div>
    );
  }
  const session = await getSession();
  return (
    <AcceptInvite
      token={token}
      invite={{ orgName: invite.orgName, email: invite.email, role: invite.role }}
      signedInEmail={session?.user?.email ?? null}
    />
  );
}
