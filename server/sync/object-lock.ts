import type { SyncObject } from "../db/schema";
import type { Database } from "../db/client";

/** Another sync of the same org and object holds the lock; retry later. */
export class ObjectBusyError extends Error {
  constructor(object: SyncObject) {
    super(`Another ${object} sync of this organization is running; retrying shortly.`);
    this.name = "ObjectBusyError";
  }
}

/**
 * Serializes the writes of one org's object across workflows and processes with a Postgres
 * advisory lock: an initial sync and a single-record sync must not both create the same record.
 * The lock lives on a connection reserved for `work`, so it holds for as long as the work runs.
 * `wait` queues behind the holder (the initial sync); `try` gives up at once with ObjectBusyError.
 */
export async function withObjectLock<T>(db: Database, orgId: string, object: SyncObject, mode: "wait" | "try", work: () => Promise<T>): Promise<T> {
  const key = `sync:${orgId}:${object}`;
  const connection = await db.$client.reserve();
  try {
    if (mode === "wait") {
      await connection`select pg_advisory_lock(hashtextextended(${key}, 0))`;
    } else {
      const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
      if (!row?.locked) throw new ObjectBusyError(object);
    }
    try {
      return await work();
    } finally {
      await connection`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
    }
  } finally {
    connection.release();
  }
}
