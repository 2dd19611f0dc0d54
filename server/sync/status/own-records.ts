import { sql, type SQL } from "drizzle-orm";
import { OWN_RECORD_CHILD_OBJECTS, recordLinks } from "../../db/schema";
import type { RecordLink } from "../links";

/**
 * The links that are records of their own in the overview, the record list and retries: top-level
 * ones and payments, not an invoice's lines (which follow their invoice).
 */
export function ownRecords(): SQL {
  // The stored column itself, not a condition on it: the list's partial indexes are built on it.
  return sql`${recordLinks.ownRecord}`;
}

export const isOwnRecord = (link: Pick<RecordLink, "parentLinkId" | "object">) =>
  !link.parentLinkId || (OWN_RECORD_CHILD_OBJECTS as readonly string[]).includes(link.object);
