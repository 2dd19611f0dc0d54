import { sql, type SQL } from "drizzle-orm";
import { recordLinks } from "../../db/schema";

/**
 * The links that are records of their own in the overview, the record list and retries: top-level
 * ones and payments, not an invoice's lines (which follow their invoice).
 */
export function ownRecords(): SQL {
  // The stored column itself, not a condition on it: the list's partial indexes are built on it.
  return sql`${recordLinks.ownRecord}`;
}
