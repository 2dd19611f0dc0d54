import { createTRPCRouter } from "../../trpc";
import { availableFieldsRoute } from "./available-fields";
import { createMappingRoute } from "./create";
import { deleteMappingRoute } from "./delete";
import { listMappingsRoute } from "./list";
import { resyncRoute } from "./resync";
import { updateMappingRoute } from "./update";

export const mappingsRouter = createTRPCRouter({
  list: listMappingsRoute,
  availableFields: availableFieldsRoute,
  create: createMappingRoute,
  update: updateMappingRoute,
  delete: deleteMappingRoute,
  resync: resyncRoute,
});
