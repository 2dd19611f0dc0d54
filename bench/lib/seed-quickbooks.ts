/**
 * Seeds a QuickBooks sandbox company through its own store (not Intuit's API, so no call counts
 * against the limits or in the tally) with webhooks to Tandem dropped meanwhile: as if the records
 * had been in the company before Tandem connected. Not what is measured.
 */
import type { Stack } from "../../server/testing/stack";
import type { Org } from "./world";

type Doc = Record<string, unknown>;

async function store() {
  const { sandboxDb } = await import("../../server/sandbox/quickbooks/store/db");
  const service = await import("../../server/sandbox/quickbooks/store/service");
  return { db: sandboxDb(), ...service };
}

/** Runs `fn` with every webhook of the org's company dropped, then restores delivery. */
export async function quietQuickBooks<T>(stack: Stack, org: Org, fn: () => Promise<T>): Promise<T> {
  await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
  try {
    return await fn();
  } finally {
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: {} });
  }
}

export async function seedCustomers(stack: Stack, org: Org, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 2_000) {
    const customers = Array.from({ length: Math.min(2_000, count - i) }, (_, j) => {
      const n = i + j;
      return { DisplayName: `${prefix} Customer ${n}`, GivenName: prefix, FamilyName: `Customer ${n}`, PrimaryEmailAddr: { Address: `${prefix.toLowerCase()}-${n}@example.test` } };
    });
    ids.push(...(await stack.quickbooksAdmin<{ ids: string[] }>("POST", `/companies/${org.realmId}/seed`, { customers })).ids);
  }
  return ids;
}

async function incomeAccountId(realmId: string): Promise<string> {
  const { db, queryEntities } = await store();
  const response = (await queryEntities(db, realmId, "select * from Account where AccountType = 'Income'")) as { Account?: Array<{ Id: string }> };
  const id = response.Account?.[0]?.Id;
  if (!id) throw new Error(`company ${realmId} has no income account`);
  return id;
}

export async function seedItems(_stack: Stack, org: Org, count: number, prefix: string): Promise<string[]> {
  const { db } = await store();
  const { seedItems: seed } = await import("../../server/sandbox/quickbooks/store/seed");
  const income = await incomeAccountId(org.realmId);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 2_000) {
    const items = Array.from({ length: Math.min(2_000, count - i) }, (_, j) => {
      const n = i + j;
      return { Name: `${prefix} Item ${n}`, Sku: `${prefix.toUpperCase()}-${n}`, Type: "Service", UnitPrice: 10 + (n % 90), Description: `${prefix} item ${n}`, IncomeAccountRef: { value: income } };
    });
    ids.push(...(await seed(db, org.realmId, items)).ids);
  }
  return ids;
}

/** Invoices of `lines` lines each, for the given customers and items in turn. */
export async function seedInvoices(stack: Stack, org: Org, count: number, customers: string[], items: string[], lines: number): Promise<string[]> {
  const { db, createEntity } = await store();
  return quietQuickBooks(stack, org, async () => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const Line: Doc[] = Array.from({ length: lines }, (_, l) => {
        const qty = 1 + ((n + l) % 4);
        const price = 20 + l;
        return { DetailType: "SalesItemLineDetail", Amount: qty * price, SalesItemLineDetail: { ItemRef: { value: items[(n + l) % items.length]! }, Qty: qty, UnitPrice: price } };
      });
      const { doc } = await createEntity(db, org.realmId, "Invoice", { CustomerRef: { value: customers[n % customers.length]! }, Line, CustomerMemo: { value: `Bench invoice ${n}` } });
      ids.push(String(doc.Id));
    }
    return ids;
  });
}

/** A user's edit in QuickBooks (a sparse update through the company's store: it sends webhooks as the API would). */
export async function editInQuickBooks(realmId: string, type: "Customer" | "Item" | "Invoice", id: string, patch: Doc): Promise<void> {
  const { db, readEntity, updateEntity } = await store();
  const { doc } = await readEntity(db, realmId, type, id);
  await updateEntity(db, realmId, type, { Id: id, SyncToken: doc.SyncToken, sparse: true, ...patch }, { sparse: true });
}

export async function readInQuickBooks(realmId: string, type: "Customer" | "Item" | "Invoice", id: string): Promise<Doc> {
  const { db, readEntity } = await store();
  return (await readEntity(db, realmId, type, id)).doc;
}
