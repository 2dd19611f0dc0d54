/**
 * Seeds a HubSpot sandbox account through its store, as its first user in the HubSpot UI would
 * (no API call counts against the limits or in the bench's tally), with webhooks to Tandem dropped
 * meanwhile: records that were there before Tandem looked. Used by the bench and by tests at volume.
 * Sandbox modules are imported when first used, after the caller has set the environment.
 */
import type { Stack } from "./stack";

/** What seeding needs of an org: its HubSpot account. */
type Org = { hubspotPortalId: string | number };

const CHUNK = 250;

async function session() {
  const { withWrite } = await import("../sandbox/hubspot/store/transactions");
  const { usersOf } = await import("../sandbox/hubspot/store/accounts");
  type Session = Parameters<Parameters<typeof withWrite>[1]>[0];
  return {
    /** Writes as the account's first user in the HubSpot UI (Tandem treats them as edits made in HubSpot). */
    asUser: async <T>(accountId: number, fn: (s: Session) => Promise<T>): Promise<T> => {
      const [user] = await usersOf(accountId);
      if (!user) throw new Error(`HubSpot account ${accountId} has no user`);
      return withWrite({ accountId, source: { changeSource: "CRM_UI", sourceId: `userId:${user.id}` } }, fn);
    },
  };
}

/**
 * HubSpot decides a drop when an event falls due (up to a few seconds after the write), not when it
 * is written: the faults stay on until every event of the account has been batched, else the
 * seeded records' creations reach Tandem and their sync runs count in the measured calls.
 */
async function eventsBatched(accountId: number): Promise<void> {
  const { sandboxDb } = await import("../sandbox/hubspot/store/db");
  const { webhookEvents } = await import("../sandbox/hubspot/store/schema");
  const { and, eq, isNull, sql } = await import("drizzle-orm");
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    const [row] = await sandboxDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.accountId, accountId), isNull(webhookEvents.deliveryId)));
    if ((row?.n ?? 0) === 0) return;
  }
  throw new Error(`HubSpot account ${accountId}: seeded events still not batched after 60 s`);
}

export async function quietHubSpot<T>(stack: Stack, org: Org, fn: () => Promise<T>): Promise<T> {
  await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookDropRate: 1 });
  try {
    const result = await fn();
    await eventsBatched(Number(org.hubspotPortalId));
    return result;
  } finally {
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
  }
}

async function inChunks(count: number, write: (from: number, to: number) => Promise<string[]>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += CHUNK) ids.push(...(await write(i, Math.min(count, i + CHUNK))));
  return ids;
}

/** `count` records of one type, the nth with `properties(n)`, in chunks of one write each. */
async function seedRecords(stack: Stack, org: Org, type: "contacts" | "products", count: number, properties: (n: number) => Record<string, string>): Promise<string[]> {
  const { asUser } = await session();
  const account = Number(org.hubspotPortalId);
  return quietHubSpot(stack, org, () =>
    inChunks(count, (from, to) =>
      asUser(account, async (s) => {
        const ids: string[] = [];
        for (let n = from; n < to; n++) ids.push(String((await s.create(type, properties(n))).id));
        return ids;
      }),
    ),
  );
}

export function seedContacts(stack: Stack, org: Org, count: number, prefix: string): Promise<string[]> {
  return seedRecords(stack, org, "contacts", count, (n) => ({ email: `${prefix.toLowerCase()}-${n}@example.test`, firstname: prefix, lastname: `Contact ${n}`, company: `${prefix} Co ${n}` }));
}

export function seedProducts(stack: Stack, org: Org, count: number, prefix: string): Promise<string[]> {
  return seedRecords(stack, org, "products", count, (n) => ({
    name: `${prefix} Product ${n}`,
    price: String(10 + (n % 90)),
    hs_sku: `${prefix.toUpperCase()}-${n}`,
    description: `${prefix} product ${n}`,
  }));
}

/**
 * Finalized invoices of `lines` product lines each, for the given contacts and products in turn.
 * `quiet: false` lets their webhooks reach Tandem (invoices made while the sync runs).
 */
export async function seedInvoices(stack: Stack, org: Org, count: number, contacts: string[], products: string[], lines: number, quiet = true): Promise<string[]> {
  const { asUser } = await session();
  const account = Number(org.hubspotPortalId);
  const write = () =>
    inChunks(count, (from, to) =>
      asUser(account, async (s) => {
        const ids: string[] = [];
        for (let n = from; n < to; n++) {
          const invoice = await s.create("invoices", { hs_title: `Bench invoice ${n}`, hs_currency: "USD", hs_invoice_date: new Date().toISOString(), hs_comments: `Bench invoice ${n}` });
          const id = Number(invoice.id);
          for (let l = 0; l < lines; l++) {
            await s.create("line_items", { hs_product_id: products[(n + l) % products.length]!, quantity: String(1 + ((n + l) % 4)) }, [{ toType: "invoices", toId: id, typeId: 410 }]);
          }
          await s.associate("invoices", id, "contacts", Number(contacts[n % contacts.length]!), 177);
          await s.update("invoices", id, { hs_invoice_status: "open" });
          ids.push(String(id));
        }
        return ids;
      }),
    );
  return quiet ? quietHubSpot(stack, org, write) : write();
}

/** A user's edit in HubSpot's UI (sends webhooks as HubSpot would). */
export async function editInHubSpot(org: Org, type: "contacts" | "products" | "invoices", id: string, properties: Record<string, string>): Promise<void> {
  const { asUser } = await session();
  await asUser(Number(org.hubspotPortalId), (s) => s.update(type, Number(id), properties));
}
