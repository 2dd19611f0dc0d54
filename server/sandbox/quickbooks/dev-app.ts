import { registerApp } from "./store/apps";
import { DEMO_COMPANY_NAME, seedDemoCompany } from "./store/companies";
import { sandboxDb, type SandboxDb } from "./store/db";
import * as store from "./store/records";

export const DEV_APP_NAME = "Tandem (dev)";

/**
 * Makes sure the product's development app exists (redirect and webhook URLs on `appUrl`) and that
 * the demo company is there; returns the credentials the product needs. Safe to call on every start.
 */
export async function ensureDevApp({ appUrl, db = sandboxDb() }: { appUrl: string; db?: SandboxDb }): Promise<{
  clientId: string;
  clientSecret: string;
  verifierToken: string;
}> {
  const base = appUrl.replace(/\/+$/, "");
  const app = await registerApp(db, {
    name: DEV_APP_NAME,
    redirectUris: [`${base}/api/oauth/quickbooks/callback`],
    webhookUrl: `${base}/api/webhooks/quickbooks`,
  });
  const companies = await store.listCompanies(db);
  if (!companies.some((c) => c.name === DEMO_COMPANY_NAME)) await seedDemoCompany(db);
  return { clientId: app.clientId, clientSecret: app.clientSecret, verifierToken: app.verifierToken };
}
