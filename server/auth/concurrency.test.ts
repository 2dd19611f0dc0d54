import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "./concurrency";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("concurrencyLimit", () => {
  it("runs at most `max` tasks at once and starts the next as one finishes, in order", async () => {
    const run = concurrencyLimit(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(run.queued()).toBe(3);

    gates[1]!.resolve();
    await results[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);

    for (const gate of gates) gate.resolve();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(run.queued()).toBe(0);
  });

  it("frees the slot when a task fails", async () => {
    const run = concurrencyLimit(1);
    await expect(run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(run(async () => "next")).resolves.toBe("next");
  });
});
