import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ConnectionExpiredError } from "../../../connections/errors";
import { QuickBooksNotConnectedError, runPreflight } from "../../../sync/status/preflight";
import { orgProviderProcedure } from "../../trpc";

export const preflightCheckSchema = z.object({
  id: z.enum(["custom_transaction_numbers", "closed_books", "revenue_recognition", "company_country", "items_have_skus", "contacts_synced"]),
  title: z.string(),
  status: z.enum(["pass", "warn", "block"]),
  reason: z.string(),
  /** What to do about it. */
  action: z.string(),
  /** The catalogue error records would fail with when this isn't a pass. */
  errorCode: z.string().nullable(),
  /** What a block stops. */
  blocks: z.enum(["outbound_invoices"]).nullable(),
});

export const preflightResponse = z.object({
  company: z.object({ name: z.string().nullable(), country: z.string().nullable() }),
  checks: z.array(preflightCheckSchema),
  outboundInvoicesBlocked: z.boolean(),
});

/**
 * The setup wizard's pre-flight checks over the connected QuickBooks company (its CompanyInfo,
 * Preferences and items) and the org's contact sync: pass, warn or block, each with the reason and
 * what to do. Calls QuickBooks, so it is rate-limited per org.
 */
export const preflightRoute = orgProviderProcedure.output(preflightResponse).query(async ({ ctx }) => {
  try {
    return await runPreflight(ctx.db, ctx.org.id);
  } catch (error) {
    if (error instanceof QuickBooksNotConnectedError || error instanceof ConnectionExpiredError) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: error.message, cause: error });
    }
    throw error;
  }
});
