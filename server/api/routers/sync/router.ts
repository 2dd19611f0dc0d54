import { createTRPCRouter } from "../../trpc";
import { batchOutcomeRoute } from "./batch-outcome";
import { incomeAccountsRoute } from "./income-accounts";
import { invoiceStatusRoute } from "./invoice-status";
import { overviewRoute } from "./overview";
import { previewRoute } from "./preview";
import { preflightRoute } from "./preflight";
import { recordRoute } from "./record";
import { recordsRoute } from "./records";
import { resyncRoute } from "./resync";
import { retryRoute } from "./retry";
import { retryAllRoute } from "./retry-all";
import { createServiceDatePropertyRoute } from "./service-date-property";
import { saveTaxMappingRoute } from "./save-tax-mapping";
import { taxMappingRoute } from "./tax-mapping";
import { updateSettingsRoute } from "./update-settings";

export const syncRouter = createTRPCRouter({
  overview: overviewRoute,
  incomeAccounts: incomeAccountsRoute,
  preview: previewRoute,
  records: recordsRoute,
  record: recordRoute,
  invoiceStatus: invoiceStatusRoute,
  retry: retryRoute,
  retryAll: retryAllRoute,
  batchOutcome: batchOutcomeRoute,
  resync: resyncRoute,
  preflight: preflightRoute,
  createServiceDateProperty: createServiceDatePropertyRoute,
  updateSettings: updateSettingsRoute,
  taxMapping: taxMappingRoute,
  saveTaxMapping: saveTaxMappingRoute,
});
