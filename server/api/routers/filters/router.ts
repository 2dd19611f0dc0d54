import { createTRPCRouter } from "../../trpc";
import { createFilterRoute } from "./create";
import { createdAfterTodayRoute } from "./created-after-today";
import { deleteFilterRoute } from "./delete";
import { listFiltersRoute } from "./list";
import { updateFilterRoute } from "./update";

export const filtersRouter = createTRPCRouter({
  list: listFiltersRoute,
  create: createFilterRoute,
  update: updateFilterRoute,
  delete: deleteFilterRoute,
  createdAfterToday: createdAfterTodayRoute,
});
