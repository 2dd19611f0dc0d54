/**
 * The org the change measurements edit: contacts, products and invoices synced two-way, records
 * born on both sides (invoices with lines, from QuickBooks and finalized in HubSpot).
 */
import { connectNewOrg } from "../../server/testing/stack";
import * as hubspot from "../../server/testing/hubspot-seed";
import * as quickbooks from "../lib/seed-quickbooks";
import { initialSyncFinished, linkCounts, orgQuiet, setSync, until } from "../lib/sync";
import type { Org, World } from "../lib/world";

const PER_SIDE = { customers: 30, items: 20, invoices: 20 };

export async function changeOrg(world: World): Promise<Org> {
  const { stack } = world;
  const org = await connectNewOrg(stack);
  const prefix = `L${org.orgId.slice(0, 6)}`;
  const customers = await quickbooks.seedCustomers(stack, org, PER_SIDE.customers, `${prefix}q`);
  const items = await quickbooks.seedItems(stack, org, PER_SIDE.items, `${prefix}q`);
  await quickbooks.seedInvoices(stack, org, PER_SIDE.invoices, customers, items, 2);
  const contacts = await hubspot.seedContacts(stack, org, PER_SIDE.customers, `${prefix}h`);
  const products = await hubspot.seedProducts(stack, org, PER_SIDE.items, `${prefix}h`);
  const since = new Date();
  for (const object of ["contacts", "products", "invoices"] as const) await setSync(org, object, true);
  for (const object of ["contacts", "products", "invoices"] as const) await initialSyncFinished(org, object, since, 10 * 60_000);
  await orgQuiet(org, 10 * 60_000);
  // HubSpot invoices sync once finalized after the sync started: these reach Tandem by webhook.
  await hubspot.seedInvoices(stack, org, PER_SIDE.invoices, contacts, products, 2, false);
  // Edits go to synced records only: a few invoices still on their way after 5 minutes are left out.
  await until(async () => (await linkCounts(org, "invoices")).synced >= 2 * PER_SIDE.invoices, "the HubSpot invoices to sync", 5 * 60_000, 1000).catch(() => undefined);
  await orgQuiet(org, 10 * 60_000).catch(() => undefined);
  return org;
}
