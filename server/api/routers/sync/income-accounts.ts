import { z } from "zod";
import { activeIncomeAccounts } from "../../../providers/quickbooks/income-accounts";
import { createSyncContext } from "../../../sync/org-context";
import { orgProviderProcedure } from "../../trpc";

export const incomeAccountsResponse = z.array(z.object({ id: z.string(), name: z.string() }));

/** The QuickBooks company's income accounts, for the "Custom line item" item's account in the setup. */
export const incomeAccountsRoute = orgProviderProcedure.output(incomeAccountsResponse).query(async ({ ctx }) => {
  const sync = await createSyncContext(ctx.db, ctx.org.id);
  return activeIncomeAccounts(sync.quickbooks);
});
