import type { QuickBooksClient } from "./client";

/**
 * What a new QuickBooks item needs besides its mapped fields: a type and an income account. A
 * product from HubSpot becomes a non-inventory item booked to the company's first income account.
 */
export function incomeAccountDefaults(client: QuickBooksClient, accountId?: string): () => Promise<Record<string, unknown>> {
  let account: Promise<string | undefined> | undefined;
  return async () => {
    account ??= accountId
      ? Promise.resolve(accountId)
      : client.queryAll<{ Id: string }>("Account", "AccountType = 'Income'").then((rows) => rows[0]?.Id);
    const id = await account;
    return { Type: "NonInventory", ...(id ? { IncomeAccountRef: { value: id } } : {}) };
  };
}
