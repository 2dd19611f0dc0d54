import type { Queryable } from "../../db/client";
import type { SyncObject } from "../../db/schema";
import { queueFailed } from "../status/queue";

/**
 * An invoice that waited for a line's product (`PRODUCT_NOT_SYNCED`) and ran out of retries would
 * wait for the user after the product is fixed. Whenever a product reaches the other side (made or
 * linked there, or the product initial sync ends), the invoices waiting for one are tried again;
 * one still waiting for another product fails again naming it.
 */
export async function retryRecordsWaitingFor(db: Queryable, orgId: string, object: SyncObject): Promise<number> {
  if (object !== "products") return 0;
  return (await queueFailed(db, orgId, "PRODUCT_NOT_SYNCED", "invoices", Date.now())).length;
}
