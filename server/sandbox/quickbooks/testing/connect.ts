import type QuickBooks from "node-quickbooks";
import { oauthClient, quickbooksClient } from "./clients";
import { approveConsent, type SandboxHarness } from "./harness";

/** Connects the harness's app to a company through the consent page and intuit-oauth; returns a node-quickbooks client. */
export async function connectQuickbooks(harness: SandboxHarness, realmId: string): Promise<{ qbo: QuickBooks; accessToken: string }> {
  const client = oauthClient(harness);
  const query = await approveConsent(harness, realmId);
  await client.createToken(`${harness.app.redirectUri}?${query.toString()}`);
  const accessToken = client.getToken().access_token;
  if (!accessToken) throw new Error("No access token issued");
  return { qbo: quickbooksClient(harness, { access: accessToken }, realmId), accessToken };
}
