import { z } from "zod";
import { listConnections } from "../../../connections/list-connections";
import { orgProcedure } from "../../trpc";
import { connectionSummarySchema } from "./schemas";

export const listResponse = z.array(connectionSummarySchema);

/** Both providers' connections for the org: status, account and health, never a token. */
export const listRoute = orgProcedure.output(listResponse).query(({ ctx }) => listConnections(ctx.db, ctx.org.id));
