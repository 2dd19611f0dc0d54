import { inArray, isNull, or, type SQL } from "drizzle-orm";
import { recordLinks } from "../../db/schema";
import type { RecordLink } from "../links";
import { syncedObjects } from "../objects/registry";

/** Objects whose records hang off another object's yet are records of their own (payments off their invoice). */
const objectsWithParent = () => syncedObjects().filter((spec) => spec.parent).map((spec) => spec.object);

/**
 * The links that are records of their own in the overview, the record list and retries: top-level
 * ones and payments, not an invoice's lines (which follow their invoice).
 */
export function ownRecords(): SQL {
  return or(isNull(recordLinks.parentLinkId), inArray(recordLinks.object, objectsWithParent()))!;
}

export const isOwnRecord = (link: Pick<RecordLink, "parentLinkId" | "object">) => !link.parentLinkId || objectsWithParent().includes(link.object);
