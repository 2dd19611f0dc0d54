import { createTRPCRouter } from "../../trpc";
import { cancelRoute } from "./cancel";
import { listRoute } from "./list";
import { previewRoute } from "./preview";
import { startRoute } from "./start";

export const backfillRouter = createTRPCRouter({
  preview: previewRoute,
  start: startRoute,
  list: listRoute,
  cancel: cancelRoute,
});
