import { createTRPCRouter } from "../../trpc";
import { overviewRoute } from "./overview";
import { recordsRoute } from "./records";
import { updateSettingsRoute } from "./update-settings";

export const syncRouter = createTRPCRouter({
  overview: overviewRoute,
  records: recordsRoute,
  updateSettings: updateSettingsRoute,
});
