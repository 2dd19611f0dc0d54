import { and, asc, eq, gt, isNull, notLike } from "drizzle-orm";
import { recordResyncRequested } from "../../../inngest/events";
import type { Database } from "../../db/client";
import { recordLinks, syncConfigs, type SyncObject } from "../../db/schema";
import { sendEvents } from "../../runtime";
import { DELETED_REASON_PREFIX } from "../engine/deleted";
import type { FilterDirection } from "./edit";

const PAGE_SIZE = 500;

/** The side whose records a filter of this direction judges. */
const SOURCE_SIDE = { to_quickbooks: "hubspot", to_hubspot: "quickbooks" } as const;

/**
 * After a filter was loosened (edited or deleted), the records it kept out may pass now: each one
 * excluded on that direction is synced again and either goes through or stays excluded with its
 * current reason. Nothing is queued while the object's sync is off (switching it on re-reads
 * everything). Answers how many records were queued.
 */
export async function queueExcludedRecheck(db: Database, orgId: string, object: SyncObject, direction: FilterDirection): Promise<number> {
  const side = SOURCE_SIDE[direction];
  const idColumn = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  return db.transaction(async (tx) => {
    const [config] = await tx
      .select({ enabled: syncConfigs.enabled })
      .from(syncConfigs)
      .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)));
    if (!config?.enabled) return 0;
    let queued = 0;
    let after: string | null = null;
    for (;;) {
      const page = await tx
        .select({ id: recordLinks.id, recordId: idColumn })
        .from(recordLinks)
        .where(
          and(
            eq(recordLinks.orgId, orgId),
            eq(recordLinks.object, object),
            eq(recordLinks.state, "excluded"),
            eq(recordLinks.origin, side),
            // A record deleted on the other side comes back only when it changes, not when a filter does.
            notLike(recordLinks.excludedReason, `${DELETED_REASON_PREFIX}%`),
            isNull(recordLinks.parentLinkId),
            after ? gt(recordLinks.id, after) : undefined,
          ),
        )
        .orderBy(asc(recordLinks.id))
        .limit(PAGE_SIZE);
      const events = page.filter((link) => link.recordId).map((link) => recordResyncRequested.create({ orgId, object, side, recordId: link.recordId! }));
      await sendEvents(events, { tx });
      queued += events.length;
      if (page.length < PAGE_SIZE) return queued;
      after = page.at(-1)!.id;
    }
  });
}
