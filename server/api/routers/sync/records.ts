import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { connectedAccounts } from "../../../sync/status/accounts";
import { presentLink } from "../../../sync/status/detail";
import { recordUrlBases, recordUrls } from "../../../sync/status/record-urls";
import { InvalidCursorError, listRecords } from "../../../sync/status/records";
import { orgProcedure } from "../../trpc";
import { errorCodeSchema, recordSchema, recordStateSchema, syncedObject } from "./schemas";

export const recordSortSchema = z.enum(["updated_desc", "updated_asc", "label_asc", "label_desc"]);

export const recordsInput = z.object({
  object: syncedObject.optional(),
  state: recordStateSchema.optional(),
  errorCode: errorCodeSchema.optional(),
  /** Found anywhere in the label, either id, a contact's email or an invoice's number (case-insensitive). */
  text: z.string().trim().max(200).optional(),
  sort: recordSortSchema.default("updated_desc"),
  /** `nextCursor` of the previous page, with the same filters and sort. */
  cursor: z.string().max(1000).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const recordsResponse = z.object({
  items: z.array(recordSchema),
  /** Pass it as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});

/**
 * The org's records with filters (object, state, error code, text), a sort and keyset pagination:
 * each page starts after the previous page's last row, so deep pages cost what the first does.
 */
export const recordsRoute = orgProcedure
  .input(recordsInput)
  .output(recordsResponse)
  .query(async ({ ctx, input }) => {
    try {
      const [page, accounts] = await Promise.all([listRecords(ctx.db, ctx.org.id, input), connectedAccounts(ctx.db, ctx.org.id)]);
      const bases = recordUrlBases();
      return {
        items: page.items.map((row) => presentLink(row, recordUrls(bases, accounts, row.object, row))),
        nextCursor: page.nextCursor,
      };
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
      throw error;
    }
  });
