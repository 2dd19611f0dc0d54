import { z } from "zod";
import { loadMappingSet } from "../../../sync/mappings/store";
import { orgProcedure } from "../../trpc";
import { mappingSchema, objectCollectionInput } from "./schemas";

export const listMappingsInput = objectCollectionInput;
export const listMappingsResponse = z.object({ mappingVersion: z.number().int(), mappings: z.array(mappingSchema) });

/** The object's mappings in one collection: the defaults (seeded on first use) and the custom ones. */
export const listMappingsRoute = orgProcedure
  .input(listMappingsInput)
  .output(listMappingsResponse)
  .query(async ({ ctx, input }) => {
    const set = await loadMappingSet(ctx.db, ctx.org.id, input.object);
    return { mappingVersion: set.version, mappings: set.mappings.filter((m) => m.collection === input.collection) };
  });
