import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";

/** Any Drizzle database or transaction on the `postgres` driver, whatever its schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller's schema is irrelevant here
export type SqlRunner = PgDatabase<PostgresJsQueryResultHKT, any, any>;

/** Workers LISTEN here; a NOTIFY sent inside a transaction is delivered when it commits. */
export const WAKEUP_CHANNEL = "runtime_wakeup";
