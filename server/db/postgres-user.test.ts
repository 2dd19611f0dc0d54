import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertReachable, firstUnreachableDirectory, PostgresUnreachableError } from "./postgres-user";

// Someone who owns nothing here: only the "others" permission bits apply to them.
const stranger = { uid: 424_242, gid: 424_242 };
const root = mkdtempSync(path.join(tmpdir(), "tandem-reach-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("reachability for the postgres user", () => {
  it("finds the first directory on the way that others can't enter", () => {
    chmodSync(root, 0o755);
    const privateDir = path.join(root, "private");
    mkdirSync(path.join(privateDir, "inner"), { recursive: true });
    chmodSync(privateDir, 0o700);
    expect(firstUnreachableDirectory(path.join(privateDir, "inner", "not-yet-created"), stranger)).toBe(privateDir);
    expect(() => assertReachable([path.join(privateDir, "inner")], stranger)).toThrow(PostgresUnreachableError);
  });

  it("lets through a path others can enter, including parts not created yet", () => {
    chmodSync(root, 0o755);
    const open = path.join(root, "open");
    mkdirSync(open, { recursive: true });
    chmodSync(open, 0o755);
    expect(firstUnreachableDirectory(path.join(open, "data", "postgres"), stranger)).toBeNull();
  });
});
