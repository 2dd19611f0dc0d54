import { and, eq } from "drizzle-orm";
import { sandboxDb } from "./db";
import { accounts } from "./schema";
import { createAccount } from "./accounts";
import { withWrite } from "./transactions";
import type { Actor } from "./write-session";

export const DEMO_ACCOUNT_NAME = "Sandbox Demo Co";

/**
 * The demo portal: contacts (some with companies), products with and without SKUs, and invoices
 * in every status — so a fresh install has something to sync. Created once.
 */
export async function ensureDemoAccount(): Promise<number> {
  const [existing] = await sandboxDb()
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.isDemo, true), eq(accounts.name, DEMO_ACCOUNT_NAME)));
  if (existing) return existing.id;
  const { account, user } = await createAccount({ name: DEMO_ACCOUNT_NAME, userEmail: "demo.admin@sandbox.hubspot.test", isDemo: true });
  const actor: Actor = { accountId: account.id, source: { changeSource: "CRM_UI", sourceId: `userId:${user.id}` } };
  await withWrite(actor, async (s) => {
    const acme = await s.create("companies", { name: "Acme Corporation", domain: "acme.example" });
    const globex = await s.create("companies", { name: "Globex Inc", domain: "globex.example" });
    const ada = await s.create("contacts", { email: "ada@acme.example", firstname: "Ada", lastname: "Lovelace", company: "Acme Corporation" }, [
      { toType: "companies", toId: acme.id, typeId: 279 },
    ]);
    const grace = await s.create("contacts", { email: "grace@globex.example", firstname: "Grace", lastname: "Hopper", company: "Globex Inc" }, [
      { toType: "companies", toId: globex.id, typeId: 279 },
    ]);
    const alan = await s.create("contacts", { email: "alan@example.com", firstname: "Alan", lastname: "Turing" });
    const katherine = await s.create("contacts", { email: "katherine@example.com", firstname: "Katherine", lastname: "Johnson", phone: "+1 555 0100" });

    const consulting = await s.create("products", { name: "Consulting hour", price: "150", hs_sku: "CONS-HR", description: "One hour of consulting" });
    const widget = await s.create("products", { name: "Widget", price: "25.5", hs_sku: "WIDGET-01" });
    const onboarding = await s.create("products", { name: "Onboarding package", price: "900", hs_sku: "ONBOARD" });
    const support = await s.create("products", { name: "Support retainer", price: "300" });

    const invoice = async (title: string, contactId: number, lines: Array<{ productId: number; quantity: string }>) => {
      const row = await s.create("invoices", { hs_title: title, hs_currency: "USD", hs_invoice_date: new Date().toISOString() }, [
        { toType: "contacts", toId: contactId, typeId: 177 },
      ]);
      for (const line of lines) {
        await s.create("line_items", { hs_product_id: String(line.productId), quantity: line.quantity }, [{ toType: "invoices", toId: row.id, typeId: 410 }]);
      }
      return row;
    };
    await invoice("Draft: widgets for Grace", grace.id, [{ productId: widget.id, quantity: "4" }]);
    const open = await invoice("Open: consulting for Ada", ada.id, [{ productId: consulting.id, quantity: "3" }]);
    await s.update("invoices", open.id, { hs_invoice_status: "open" });
    const paid = await invoice("Paid: support for Grace", grace.id, [{ productId: support.id, quantity: "1" }]);
    await s.update("invoices", paid.id, { hs_invoice_status: "open" });
    await s.create("commerce_payments", { hs_initial_amount: "300", hs_initiated_date: new Date().toISOString(), hs_payment_method_type: "check", hs_currency_code: "USD" }, [
      { toType: "invoices", toId: paid.id, typeId: 542 },
    ]);
    const partiallyPaid = await invoice("Open, partially paid: onboarding for Katherine", katherine.id, [{ productId: onboarding.id, quantity: "1" }]);
    await s.update("invoices", partiallyPaid.id, { hs_invoice_status: "open" });
    await s.create("commerce_payments", { hs_initial_amount: "400", hs_initiated_date: new Date().toISOString(), hs_payment_method_type: "wire_transfer", hs_currency_code: "USD" }, [
      { toType: "invoices", toId: partiallyPaid.id, typeId: 542 },
    ]);
    const customDraft = await invoice("Draft: custom work for Alan", alan.id, []);
    await s.create("line_items", { name: "Custom integration work", price: "1200", quantity: "1" }, [{ toType: "invoices", toId: customDraft.id, typeId: 410 }]);
    const voided = await invoice("Voided: widget for Ada", ada.id, [{ productId: widget.id, quantity: "1" }]);
    await s.update("invoices", voided.id, { hs_invoice_status: "open" });
    await s.update("invoices", voided.id, { hs_invoice_status: "voided" });
  });
  return account.id;
}
