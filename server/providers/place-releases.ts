import type { Sql } from "postgres";
import { PLACE_FREED_CHANNEL } from "./provider-limit-store";

/**
 * Wakes this process's waiters for a provider place when any process gives one back: LISTEN on the
 * channel a give-back NOTIFYs on (ProviderLimitStore.giveBack). Notifications are a shortcut, not
 * the guarantee: a waiter also wakes after its timeout, so a lost one (the listening connection
 * reconnecting, a pooler that doesn't pass LISTEN on) costs time, never the place. Every process
 * waiting on the key wakes and asks; one of them gets the place. Listening starts with the first
 * wait, so a process that never meets a full cap holds no extra connection.
 */
export class PlaceReleases {
  private readonly heardPerKey = new Map<string, number>();
  /** Bumped whenever listening (re)starts: whatever was given back before that went unheard. */
  private listenStarts = 0;
  private readonly waiters = new Map<string, Set<() => void>>();
  private listening: Promise<unknown> | undefined;

  constructor(private readonly sql: Pick<Sql, "listen">) {}

  /** What has been heard for `key` so far; read it before asking for a place, for `next`. */
  heard(key: string): number {
    return this.listenStarts + (this.heardPerKey.get(key) ?? 0);
  }

  /**
   * Resolves when a place of `key` is given back after `seen` was read (at once if that was heard
   * already, while the refusal was on its way), when listening (re)starts, or after `timeoutMs`.
   */
  next(key: string, seen: number, timeoutMs: number): Promise<void> {
    this.listen();
    if (this.heard(key) !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.waiters.get(key) ?? new Set();
      this.waiters.set(key, waiters);
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.waiters.get(key) === waiters) this.waiters.delete(key);
        resolve();
      };
      // Like the limiter's other timers: a waiting request alone doesn't keep the process up.
      const timer = setTimeout(wake, timeoutMs);
      timer.unref?.();
      waiters.add(wake);
    });
  }

  private listen(): void {
    this.listening ??= this.sql
      .listen(
        PLACE_FREED_CHANNEL,
        (key) => this.freed(key),
        () => this.started(),
      )
      .catch(() => {
        // The database is unreachable: waiters wake on their timeouts, and the next wait listens again.
        this.listening = undefined;
      });
  }

  private freed(key: string): void {
    this.heardPerKey.set(key, (this.heardPerKey.get(key) ?? 0) + 1);
    for (const wake of [...(this.waiters.get(key) ?? [])]) wake();
  }

  private started(): void {
    this.listenStarts++;
    for (const waiters of [...this.waiters.values()]) for (const wake of [...waiters]) wake();
  }
}
