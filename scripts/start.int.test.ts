import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../server/db/embedded";

const dataDir = mkdtempSync(path.join(tmpdir(), "tandem-launcher-"));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Like `npm run dev` in a terminal: its own process group, so a signal reaches postgres too, as Ctrl-C does. */
async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts", "--dev"], {
    env: { ...process.env, NODE_ENV: "development", DATA_DIR: dataDir, PORT: String(port), NEXT_DIST_DIR: ".next-launcher-test", DATABASE_URL: "" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Tandem is running at")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the launcher exited (${code}) before serving:\n${output}`)));
  });
  return child;
}

async function interrupt(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGINT");
  await exited;
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
    await interrupt(first);
    expect(processesUsing(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

    const second = await launch(port);
    // The account survived the restart: the same email is now taken.
    expect(await signUp(port)).toBe(409);
    await interrupt(second);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 240_000);
});
