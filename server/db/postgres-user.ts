import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. Run as root, Tandem runs it as the `postgres` user (created
 * when missing); as anyone else, as themselves (null).
 */
export async function postgresUser(): Promise<PostgresUser | null> {
  if (process.getuid?.() !== 0) return null;
  const ids = async () => ({
    uid: Number((await run("id", ["-u", "postgres"])).stdout),
    gid: Number((await run("id", ["-g", "postgres"])).stdout),
  });
  try {
    return await ids();
  } catch {
    await run("groupadd", ["postgres"]).catch(() => undefined);
    await run("useradd", ["-g", "postgres", "postgres"]);
    return ids();
  }
}

/** Whether `user` may enter (search) the directory at `dir`, going by its mode bits. */
function canEnter(dir: string, user: PostgresUser): boolean {
  const { mode, uid, gid } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** The first directory on the way to `target` (itself included if it exists) that `user` cannot enter, or null. */
export function firstUnreachableDirectory(target: string, user: PostgresUser): string | null {
  let dir = path.parse(path.resolve(target)).root;
  for (const part of path.resolve(target).split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part);
    try {
      if (!statSync(dir).isDirectory()) break;
    } catch {
      break; // Not created yet: it will be, by and for the postgres user.
    }
    if (!canEnter(dir, user)) return dir;
  }
  return null;
}

/** Running as root from a folder the postgres user can't reach (a home folder, a `mktemp -d`). */
export class PostgresUnreachableError extends Error {
  constructor(readonly directory: string) {
    super(
      `The embedded PostgreSQL runs as the "postgres" user when Tandem runs as root, and that user cannot enter ${directory}: ` +
        "move Tandem (or DATA_DIR) to a folder other users can enter, run Tandem as a user other than root, or set DATABASE_URL to a PostgreSQL server of your own.",
    );
    this.name = "PostgresUnreachableError";
  }
}

/** Throws PostgresUnreachableError unless `user` can reach every one of `paths`. */
export function assertReachable(paths: string[], user: PostgresUser): void {
  for (const target of paths) {
    const blocked = firstUnreachableDirectory(target, user);
    if (blocked) throw new PostgresUnreachableError(blocked);
  }
}
