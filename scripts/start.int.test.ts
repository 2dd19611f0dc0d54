import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../server/db/embedded";

const dataDir = mkdtempSync(path.join(tmpdir(), "tandem-launcher-"));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Launched {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string;
}

/** Like `npm run dev` in a terminal: its own process group, so a signal reaches every process in it, as Ctrl-C does. */
function spawnLauncher(port: number, dir = dataDir): Launched {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts", "--dev"], {
    env: { ...process.env, NODE_ENV: "development", DATA_DIR: dir, PORT: String(port), NEXT_DIST_DIR: ".next-launcher-test", DATABASE_URL: "" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function launch(port: number): Promise<Launched> {
  const launched = spawnLauncher(port);
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (launched.output().includes("Tandem is running at")) resolve();
    };
    launched.child.stdout!.on("data", onData);
    launched.child.stderr!.on("data", onData);
    launched.child.once("exit", (code) => reject(new Error(`the launcher exited (${code}) before serving:\n${launched.output()}`)));
  });
  return launched;
}

/** Ctrl-C; returns what it printed from then on. */
async function interrupt({ child, output }: Launched): Promise<string> {
  const before = output().length;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGINT");
  await exited;
  return output().slice(before);
}

/** Processes whose command line mentions the data directory (the embedded postgres would). */
function processesUsing(dir: string): string[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
        return cmdline.includes(dir) ? [cmdline] : [];
      } catch {
        return [];
      }
    });
}

async function signUp(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/api/trpc/auth.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { name: "Lena", company: "Launch Co", email: "lena@launch.test", password: "a long enough password" } }),
  });
  return response.status;
}

describe("the launcher", () => {
  it("starts with an embedded database, stops it on Ctrl-C, and keeps the data for the next start", async () => {
    const port = await freePort();
    const first = await launch(port);
    expect(await signUp(port)).toBe(200);
    // Stopping prints nothing a person would have to act on (no database errors from work still running).
    expect(await interrupt(first)).not.toMatch(/error|57P01|terminating/i);
    expect(processesUsing(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

    const second = await launch(port);
    // The account survived the restart: the same email is now taken.
    expect(await signUp(port)).toBe(409);
    await interrupt(second);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 240_000);

  it.runIf(process.getuid?.() === 0)("run as root with its data where the postgres user can't go, stops with one sentence", async () => {
    const privateDir = mkdtempSync(path.join(tmpdir(), "tandem-private-"));
    try {
      const { child, output } = spawnLauncher(await freePort(), privateDir);
      const code = await new Promise((resolve) => child.once("exit", resolve));
      expect(code).toBe(1);
      const lines = output().trim().split("\n");
      expect(lines.at(-1)).toMatch(new RegExp(`that user cannot enter ${privateDir}: move Tandem \\(or DATA_DIR\\)`));
      expect(output()).not.toMatch(/EACCES|    at /);
    } finally {
      rmSync(privateDir, { recursive: true, force: true });
    }
  }, 60_000);
});
