import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";
import { PostgresUnreachableError } from "./postgres-user";

const dirs: string[] = [];
function tempDir(mode: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-embedded-"));
  chmodSync(dir, mode);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The process group of a process, from /proc (field 5 of stat, after the command in parentheses). */
function processGroup(pid: number | "self"): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

describe("the embedded PostgreSQL", () => {
  it("runs in a process group of its own, so a terminal's Ctrl-C reaches the launcher first, and stops when told", async () => {
    const dataDir = path.join(tempDir(0o755), "data");
    const server = await startEmbeddedPostgres(dataDir, { persistent: false, durable: false });
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    expect(processGroup(pid)).not.toBe(processGroup("self"));
    await server.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);

  it.runIf(process.getuid?.() === 0)("run as root from a folder the postgres user can't enter, stops with one sentence saying why and what to do", async () => {
    const privateDir = tempDir(0o700);
    const attempt = startEmbeddedPostgres(path.join(privateDir, "data"));
    await expect(attempt).rejects.toBeInstanceOf(PostgresUnreachableError);
    await expect(attempt).rejects.toThrow(`that user cannot enter ${privateDir}: move Tandem (or DATA_DIR) to a folder other users can enter`);
  });
});
