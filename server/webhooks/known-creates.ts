import { and, eq, inArray, like, or } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { recordLinks, type Provider } from "../db/schema";
import { specFor } from "../sync/objects/registry";
import type { ChangeNotification } from "./notifications";

/** QuickBooks says "create" (legacy payloads) or "created" (CloudEvents). */
const isCreate = (operation: string) => operation === "create" || operation === "created";

/**
 * The notifications among `notifications` that announce the creation of a QuickBooks record
 * Tandem has already dealt with, so they need no run:
 * - one Tandem itself created for the org (its link came from HubSpot and is synced, or pending
 *   while the initial sync that made it finishes its page): the link's snapshot holds Tandem's
 *   own write, or the page writing it is about to store it;
 * - one created in QuickBooks that Tandem has since synced (its link came from QuickBooks and is
 *   synced): Tandem read it at or after its creation (the poll or the initial sync, before
 *   Intuit's batched webhook arrived).
 * A record is created once, so its Create notification can hold nothing newer than that; a later
 * edit by anyone comes as an Update, and the QuickBooks poll finds it by its SyncToken in any case.
 * HubSpot marks its own echoes itself.
 */
export async function knownCreates(db: Queryable, provider: Provider, orgId: string, notifications: ChangeNotification[]): Promise<Set<ChangeNotification>> {
  const creates = notifications.filter((n) => provider === "quickbooks" && n.object && isCreate(n.operation));
  if (creates.length === 0) return new Set();
  // A record of an object hanging off another's is linked per application (`<payment>:<invoice>`).
  const applied = [...new Set(creates.filter((n) => specFor(n.object!)?.parent).map((n) => n.recordId))];
  const known = await db
    .select({ object: recordLinks.object, quickbooksId: recordLinks.quickbooksId })
    .from(recordLinks)
    .where(
      and(
        eq(recordLinks.orgId, orgId),
        or(inArray(recordLinks.quickbooksId, [...new Set(creates.map((n) => n.recordId))]), ...applied.map((id) => like(recordLinks.quickbooksId, `${id}:%`))),
        or(
          and(eq(recordLinks.origin, "hubspot"), inArray(recordLinks.state, ["synced", "pending"])),
          and(eq(recordLinks.origin, "quickbooks"), eq(recordLinks.state, "synced")),
        ),
      ),
    );
  const keys = new Set(known.flatMap((l) => [`${l.object}:${l.quickbooksId}`, `${l.object}:${l.quickbooksId?.split(":")[0]}`]));
  return new Set(creates.filter((n) => keys.has(`${n.object}:${n.recordId}`)));
}
