/**
 * Runs at most `max` tasks at once; the others wait their turn in order. Password hashing goes
 * through one of these: scrypt runs on libuv's small thread pool (shared with file and DNS work)
 * and takes 32 MiB a hash, so a burst of sign-ins must queue instead of starving every request.
 */
export interface ConcurrencyLimit {
  <T>(task: () => Promise<T>): Promise<T>;
  /** How many tasks wait for a slot. */
  queued(): number;
}

export function concurrencyLimit(max: number): ConcurrencyLimit {
  let running = 0;
  const waiting: Array<() => void> = [];

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // Hands the slot straight to the next task, so `running` never dips while some wait.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  return Object.assign(run, { queued: () => waiting.length });
}
