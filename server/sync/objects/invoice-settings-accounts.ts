import { FieldError } from "../../auth/field-error";
import { activeIncomeAccounts } from "../../providers/quickbooks/income-accounts";
import { bookCustomLineItemTo } from "../../providers/quickbooks/items";
import type { SyncContext } from "../context";
import { assertLineItemDateProperty } from "./service-date-property";

/** Refuses a "Custom line item" income account that isn't an active Income account of the connected company. */
async function checkIncomeAccount(ctx: SyncContext, accountId: string): Promise<void> {
  if ((await activeIncomeAccounts(ctx.quickbooks)).some((a) => a.id === accountId)) return;
  throw new FieldError(
    "customLineItemAccountId",
    `The “Custom line item” income account must be an active Income account of the connected QuickBooks company; “${accountId}” is not one.`,
  );
}

export interface InvoiceSettingsChange {
  customLineItemAccountId?: string;
  serviceDateProperty?: string;
}

/**
 * Checks the invoice settings that name things in the connected accounts against those accounts
 * before anything is saved (a value saved before is not read again, and an empty service-date
 * property means none); a newly chosen income account then books the existing "Custom line item"
 * there, or the lines written from now on would still go to the old account.
 */
export async function applyInvoiceSettingsToAccounts(ctx: () => Promise<SyncContext>, change: InvoiceSettingsChange, current: Record<string, unknown>): Promise<void> {
  const accountId = change.customLineItemAccountId;
  const property = change.serviceDateProperty;
  const checkAccount = accountId !== undefined && accountId !== current.customLineItemAccountId;
  const checkProperty = Boolean(property) && property !== current.serviceDateProperty;
  if (!checkAccount && !checkProperty) return;
  const sync = await ctx();
  if (checkAccount) await checkIncomeAccount(sync, accountId);
  if (checkProperty) await assertLineItemDateProperty(sync.hubspot, property!);
  if (checkAccount) await bookCustomLineItemTo(sync.quickbooks, accountId);
}
