import type { Database } from "../../db/client";

type Reserved = Awaited<ReturnType<Database["$client"]["reserve"]>>;

/**
 * Session advisory locks on a connection reserved for the work, so they hold across the provider
 * calls the work makes, across processes, and vanish if the process dies.
 */
export class LockSession {
  private readonly held: Array<{ key: string; shared: boolean }> = [];

  private constructor(private readonly connection: Reserved) {}

  static async open(db: Database): Promise<LockSession> {
    return new LockSession(await db.$client.reserve());
  }

  /** Waits for the lock. Shared locks of one key coexist; an exclusive one waits for all of them. */
  async lock(key: string, mode: "exclusive" | "shared" = "exclusive"): Promise<void> {
    if (mode === "shared") await this.connection`select pg_advisory_lock_shared(hashtextextended(${key}, 0))`;
    else await this.connection`select pg_advisory_lock(hashtextextended(${key}, 0))`;
    this.held.push({ key, shared: mode === "shared" });
  }

  /** Takes the lock if no other session holds it, or waits for it, in a mode that conflicts; else answers false. */
  async tryLock(key: string, mode: "exclusive" | "shared" = "exclusive"): Promise<boolean> {
    const [row] =
      mode === "shared"
        ? await this.connection<{ locked: boolean }[]>`select pg_try_advisory_lock_shared(hashtextextended(${key}, 0)) as locked`
        : await this.connection<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
    if (row?.locked) this.held.push({ key, shared: mode === "shared" });
    return Boolean(row?.locked);
  }

  async close(): Promise<void> {
    try {
      for (const { key, shared } of this.held.reverse()) {
        if (shared) await this.connection`select pg_advisory_unlock_shared(hashtextextended(${key}, 0))`;
        else await this.connection`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
      }
    } finally {
      this.connection.release();
    }
  }
}

export async function withLocks<T>(db: Database, work: (locks: LockSession) => Promise<T>): Promise<T> {
  const session = await LockSession.open(db);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** Held shared by single-record syncs, exclusively by an initial sync's page. */
export const objectLockKey = (orgId: string, object: string) => `sync:${orgId}:${object}`;
/** Held while a record without a link is looked up and created: its echo must find the link. */
export const createLockKey = (orgId: string, object: string) => `create:${orgId}:${object}`;
export const linkLockKey = (linkId: string) => `link:${linkId}`;
