/** Records what test workflows did, and lets two steps wait for each other, within one process. */
export interface ProbeEntry {
  label: string;
  key: string;
  at: number;
  data?: unknown;
}

export class Probe {
  readonly entries: ProbeEntry[] = [];
  private readonly waiters: Array<() => void> = [];

  record(label: string, key: string, data?: unknown): void {
    this.entries.push({ label, key, at: Date.now(), data });
    for (const wake of this.waiters.splice(0)) wake();
  }

  count(label: string, key: string): number {
    return this.entries.filter((e) => e.label === label && e.key === key).length;
  }

  of(label: string, key: string): ProbeEntry[] {
    return this.entries.filter((e) => e.label === label && e.key === key);
  }

  /** Resolves once an entry with `label`/`key` exists; rejects after `timeoutMs`. */
  async waitFor(label: string, key: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.count(label, key) === 0) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}/${key}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}

export const probe = new Probe();

export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met before the deadline");
    await new Promise((r) => setTimeout(r, 25));
  }
}
