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

/** Invoice lines matching no item by SKU go to this item, created when missing (as the original does). */
export const CUSTOM_LINE_ITEM = "Custom line item";

/**
 * Books the "Custom line item" to another income account, when the item exists and isn't booked
 * there yet (it is created with the account otherwise). QuickBooks applies an item's account to
 * the transactions written from then on. Returns whether the item moved.
 */
export async function bookCustomLineItemTo(client: QuickBooksClient, accountId: string): Promise<boolean> {
  const [item] = await client.queryAll<{ Id: string; SyncToken: string; IncomeAccountRef?: { value: string } }>("Item", `Name = '${CUSTOM_LINE_ITEM}'`);
  if (!item || item.IncomeAccountRef?.value === accountId) return false;
  await client.update("Item", { Id: item.Id, SyncToken: item.SyncToken, IncomeAccountRef: { value: accountId } }, `custom-line-item:${item.Id}:${item.SyncToken}:${accountId}`);
  return true;
}
