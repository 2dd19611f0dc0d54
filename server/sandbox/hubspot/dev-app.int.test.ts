import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHarness } from "./testing/harness";
import { ensureDevApp } from "./dev-app";
import { ensureDemoAccount } from "./store/seed";
import { recentRecords } from "./ui/service";
import { decideAuthorization } from "./ui/authorize";
import { exchangeToken } from "./oauth/tokens";

let h: SandboxHarness;

beforeAll(async () => {
  h = await startSandbox();
});
afterAll(async () => h?.close());

describe("ensureDevApp", () => {
  it("registers the dev app once, follows the app URL, and seeds the demo account", async () => {
    const first = await ensureDevApp({ appUrl: "http://localhost:3000" });
    const second = await ensureDevApp({ appUrl: "http://localhost:4000" });
    expect(second).toEqual(first);
    const app = await h.admin<{ redirectUris: string[]; webhookUrl: string; subscriptions: Array<{ objectType: string; eventType: string }> }>("GET", `/apps/${first.appId}`);
    expect(app.body.redirectUris).toEqual(["http://localhost:4000/api/oauth/hubspot/callback"]);
    expect(app.body.webhookUrl).toBe("http://localhost:4000/api/webhooks/hubspot");
    expect(app.body.subscriptions).toContainEqual(expect.objectContaining({ objectType: "commerce_payments", eventType: "propertyChange" }));

    const demo = await ensureDemoAccount();
    const invoices = await recentRecords(demo, "invoices");
    expect(new Set(invoices.map((i) => i.properties.hs_invoice_status))).toEqual(new Set(["draft", "open", "paid", "voided"]));
    const products = await recentRecords(demo, "products");
    expect(products.some((p) => p.properties.hs_sku)).toBe(true);
    expect(products.some((p) => !p.properties.hs_sku)).toBe(true);
    const paid = invoices.find((i) => i.properties.hs_invoice_status === "paid");
    expect(paid?.properties).toMatchObject({ hs_amount_billed: "300", hs_amount_paid: "300", hs_balance_due: "0", hs_invoice_source: "hubspot", hs_object_source: "CRM_UI" });
    const partial = invoices.find((i) => i.properties.hs_invoice_status === "open" && i.properties.hs_amount_paid !== "0");
    expect(partial?.properties).toMatchObject({ hs_amount_billed: "900", hs_amount_paid: "400", hs_balance_due: "500" });
    expect(await ensureDemoAccount()).toBe(demo);
  });
});

describe("authorize decisions", () => {
  it("approves into a new account with a code the token endpoint accepts, denies with access_denied", async () => {
    const { clientId, clientSecret } = await ensureDevApp({ appUrl: "http://localhost:5000" });
    const redirectUri = "http://localhost:5000/api/oauth/hubspot/callback";
    const base = { clientId, redirectUri, scope: "oauth crm.objects.contacts.read", state: "st" };
    const approved = new URL(await decideAuthorization({ ...base, decision: "approve", accountId: "new", newAccountName: "Fresh" }));
    expect(approved.searchParams.get("state")).toBe("st");
    const tokens = await exchangeToken(new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code: approved.searchParams.get("code") ?? "" }));
    expect(tokens.token_type).toBe("bearer");

    const denied = new URL(await decideAuthorization({ ...base, decision: "deny", accountId: "", newAccountName: "" }));
    expect(denied.searchParams.get("error")).toBe("access_denied");
    await expect(decideAuthorization({ ...base, redirectUri: "https://evil.example/cb", decision: "approve", accountId: "new", newAccountName: "x" })).rejects.toThrow(/not registered/);
  });
});
