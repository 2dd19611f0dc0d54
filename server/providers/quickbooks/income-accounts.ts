import type { QuickBooksClient } from "./client";

/** The company's active Income accounts (what the "Custom line item" item may be booked to). */
export async function activeIncomeAccounts(client: QuickBooksClient): Promise<Array<{ id: string; name: string }>> {
  const accounts = await client.queryAll<{ Id: string; Name: string; Active?: boolean }>("Account", "AccountType = 'Income'");
  return accounts.filter((a) => a.Active !== false).map((a) => ({ id: a.Id, name: a.Name }));
}
