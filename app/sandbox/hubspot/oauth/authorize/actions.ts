"use server";

import { redirect } from "next/navigation";
import { decideAuthorization } from "@/server/sandbox/hubspot/ui/authorize";

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Approve or Deny: either way the browser goes back to the app's redirect URI. */
export async function authorizeAction(form: FormData) {
  const target = await decideAuthorization({
    clientId: text(form, "client_id"),
    redirectUri: text(form, "redirect_uri"),
    scope: text(form, "scope"),
    state: text(form, "state"),
    decision: text(form, "decision") === "approve" ? "approve" : "deny",
    accountId: text(form, "account"),
    newAccountName: text(form, "new_account_name"),
  });
  redirect(target);
}
