import { availableParallelism } from "node:os";
import { describe, expect, it, vi } from "vitest";

// scrypt is replaced by one that holds every call until released, so the test can see how many run at once.
const held: Array<() => void> = [];
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return {
    ...actual,
    scrypt: (_password: unknown, _salt: unknown, length: number, _options: unknown, callback: (error: null, key: Buffer) => void) => {
      held.push(() => callback(null, Buffer.alloc(length)));
    },
  };
});

const { hashPassword } = await import("./password");

describe("password hashing under load", () => {
  it("runs at most half the cores' worth of hashes at once; the rest queue and all finish", async () => {
    const limit = Math.max(1, Math.floor(availableParallelism() / 2));
    const hashes = Array.from({ length: 20 }, (_, i) => hashPassword(`password ${i}`));
    await new Promise((r) => setImmediate(r));
    expect(held).toHaveLength(limit);

    let released = 0;
    while (released < 20) {
      await new Promise((r) => setImmediate(r));
      const next = held.shift();
      if (!next) continue;
      next();
      released++;
    }
    await expect(Promise.all(hashes)).resolves.toHaveLength(20);
  });
});
