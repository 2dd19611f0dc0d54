import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { recordLinks, type Provider } from "../db/schema";
import type { ChangeNotification } from "./notifications";

/** QuickBooks says "create" (legacy payloads) or "created" (CloudEvents). */
const isCreate = (operation: string) => operation === "create" || operation === "created";

/**
 * The notifications among `notifications` that announce the creation of a QuickBooks record
 * Tandem itself created for the org (its link came from HubSpot and is synced, or pending while
 * the initial sync that made it finishes its page): a record is created once, so its Create
 * notification can only be Tandem's own write, whose answer the link's snapshot holds or the
 * page writing it is about to store. Reading the record again would find nothing new. A later edit
 * by anyone comes as an Update and is synced as usual. HubSpot marks its own echoes itself.
 */
export async function ownCreates(db: Queryable, provider: Provider, orgId: string, notifications: ChangeNotification[]): Promise<Set<ChangeNotification>> {
  const creates = notifications.filter((n) => provider === "quickbooks" && n.object && isCreate(n.operation));
  if (creates.length === 0) return new Set();
  const made = await db
    .select({ object: recordLinks.object, quickbooksId: recordLinks.quickbooksId })
    .from(recordLinks)
    .where(
      and(
        eq(recordLinks.orgId, orgId),
        eq(recordLinks.origin, "hubspot"),
        inArray(recordLinks.state, ["synced", "pending"]),
        inArray(recordLinks.quickbooksId, [...new Set(creates.map((n) => n.recordId))]),
      ),
    );
  const keys = new Set(made.map((l) => `${l.object}:${l.quickbooksId}`));
  return new Set(creates.filter((n) => keys.has(`${n.object}:${n.recordId}`)));
}
