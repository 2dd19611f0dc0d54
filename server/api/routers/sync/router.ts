import { createTRPCRouter } from "../../trpc";
import { incomeAccountsRoute } from "./income-accounts";
import { overviewRoute } from "./overview";
import { recordsRoute } from "./records";
import { updateSettingsRoute } from "./update-settings";

export const syncRouter = createTRPCRouter({
  overview: overviewRoute,
  incomeAccounts: incomeAccountsRoute,
  records: recordsRoute,
  updateSettings: updateSettingsRoute,
});
