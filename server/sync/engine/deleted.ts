import { eq, sql } from "drizzle-orm";
import { recordLinks } from "../../db/schema";
import { recordActivity, type RecordLink, type Side } from "../links";
import { idColumn } from "./apply";
import { other } from "./merge";
import type { ObjectEnv } from "./object-env";
import type { SyncOutcome } from "./outcome";

const SIDE_NAME: Record<Side, string> = { hubspot: "HubSpot", quickbooks: "QuickBooks" };

/** How the reason of a link whose record was deleted on one side begins (filter rechecks skip them). */
export const DELETED_REASON_PREFIX = "Deleted in ";

/**
 * A linked record was deleted on one side. Tandem never deletes: the counterpart stays as it is,
 * and the link forgets the deleted id so the record view says what happened instead of "synced".
 * The surviving side becomes the record's origin; a later change to it creates the record again
 * on the side it was deleted from (as HubSpot's own two-way syncs do).
 */
export async function forgetDeletedSide(env: ObjectEnv, link: RecordLink, side: Side): Promise<SyncOutcome> {
  const kept = other(side);
  if (!link[idColumn(kept)]) return { status: "skipped", reason: "Deleted before it could sync" };
  const reason = `${DELETED_REASON_PREFIX}${SIDE_NAME[side]}. Tandem doesn't delete the ${env.spec.noun} in ${SIDE_NAME[kept]}; a later change to it there creates it in ${SIDE_NAME[side]} again.`;
  await env.ctx.db
    .update(recordLinks)
    .set({
      [idColumn(side)]: null,
      [side === "hubspot" ? "hubspotSnapshot" : "quickbooksSnapshot"]: null,
      origin: kept,
      state: "excluded",
      excludedReason: reason,
      errorCode: null,
      errorDetail: null,
      suspended: null,
      updatedAt: sql`now()`,
    })
    .where(eq(recordLinks.id, link.id));
  await recordActivity(env.ctx.db, link, { target: kept, action: "deleted", message: reason, runId: env.ctx.runId });
  return { status: "excluded", linkId: link.id, reason };
}
